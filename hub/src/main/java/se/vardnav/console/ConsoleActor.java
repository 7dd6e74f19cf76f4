package se.vardnav.console;

/**
 * Who acts in the console: the user named by the signed-in token ({@code verified}). Older audit rows recorded before
 * the hub authenticated people carry an unverified name.
 */
public record ConsoleActor(String name, boolean verified) {
}
