package se.vardnav.console;

/** The console's roles, as the security layer will grant them: operations, print staff, report readers. */
public enum ConsoleRole { OPERATIONS, PRINT, REPORT }
