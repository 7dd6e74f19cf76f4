package se.vardnav.visit;

/** A unit's functional address for staff signals (vardnav.visit.unit-contacts): SMS number and/or e-mail, either may be empty. */
public record UnitContact(String unit, String sms, String email) {}
