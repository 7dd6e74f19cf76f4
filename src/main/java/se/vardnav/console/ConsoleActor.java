package se.vardnav.console;

/**
 * Who acts in the console. Until the security layer authenticates people, {@code verified} is false: the name is
 * what the region's proxy put in {@code X-Vardnav-User}, or {@value #LOCAL} for someone on this machine.
 */
public record ConsoleActor(String name, boolean verified) {
    public static final String LOCAL = "local";
}
