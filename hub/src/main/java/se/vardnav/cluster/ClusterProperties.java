package se.vardnav.cluster;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How hub instances sharing one database and one broker divide the work of their timers ({@code vardnav.cluster}).
 *
 * @param instance  this hub's name in claims ({@code claimed_by}) and logs; blank: host name and process id
 * @param claimLease how long a claim (a reminder firing, an escalation, a file in the drop) is this hub's alone; a
 *                   claim older than this is a hub that died mid-work, and another takes it over. Far longer than one
 *                   batch takes, far shorter than anyone would wait for a reminder.
 */
@Validated
@ConfigurationProperties("vardnav.cluster")
public record ClusterProperties(String instance, @NotNull Duration claimLease) {

    public ClusterProperties {
        if (claimLease != null && (claimLease.isNegative() || claimLease.toMillis() < 1000)) {
            throw new IllegalArgumentException("vardnav.cluster.claim-lease must be at least 1s, was " + claimLease);
        }
    }

    /** The instance name, or host name and process id when none is configured. */
    public String instanceName() {
        return instance == null || instance.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : instance;
    }
}
