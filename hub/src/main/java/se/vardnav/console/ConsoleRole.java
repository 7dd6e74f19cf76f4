package se.vardnav.console;

/** The console's roles, granted by the security layer (se.vardnav.security.HubRole): operations, print staff, report readers, auditors. */
public enum ConsoleRole { OPERATIONS, PRINT, REPORT, AUDITOR }
