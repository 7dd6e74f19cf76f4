package se.vardnav.letter;

import se.vardnav.connector.platform.PlatformAccount;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform account routing looked up for a letter, handed to the same letter's platform leg a moment
 * later (it needs the account's mobile for the "letter arrived" SMS), so the platform is asked once per
 * letter instead of twice (letter benchmark: the second lookup was ~10 % of the platform leg). Keyed by the
 * hub's letter id, so no other letter ever sees it; taken once; older than {@code maxAge} it is not used
 * (the leg asks the platform again, as it does after a restart or a redelivery). In memory only: the
 * account's mobile never travels on the broker for this.
 */
public class AccountHandover {
    private static final int PRUNE_ABOVE = 1_000;
    private final Map<String, Entry> byLetter = new ConcurrentHashMap<>();
    private final long maxAgeNanos;

    private record Entry(Optional<PlatformAccount> account, long at) {}

    public AccountHandover(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    public void put(String letterId, Optional<PlatformAccount> account) {
        long now = System.nanoTime();
        if (byLetter.size() > PRUNE_ABOVE) {
            // letters whose platform leg never came (refused, not routed to the platform after all)
            byLetter.values().removeIf(e -> now - e.at() > maxAgeNanos);
        }
        byLetter.put(letterId, new Entry(account, now));
    }

    /** What routing found for this letter, if it is recent; empty: ask the platform. */
    public Optional<Optional<PlatformAccount>> take(String letterId) {
        Entry e = byLetter.remove(letterId);
        return e == null || System.nanoTime() - e.at() > maxAgeNanos ? Optional.empty() : Optional.of(e.account());
    }
}
