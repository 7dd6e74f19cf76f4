package se.vardnav.durability;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link H2CommitDurability} on an H2 file database: commits written before they return, kept by the database. */
class H2CommitDurabilityTest {

    @Test
    void anH2FileDatabaseWritesEachCommitBeforeItReturns() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("vardnav-h2-setting").resolve("db");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(H2CommitDurability.writeDelay(c)).as("H2's own default").isEqualTo(500);
            H2CommitDurability.apply(c);
            assertThat(H2CommitDurability.writeDelay(c)).isZero();
        }
        try (Connection reopened = DriverManager.getConnection(url, "sa", "")) {
            assertThat(H2CommitDurability.writeDelay(reopened)).as("kept by the database").isZero();
        }
    }
}
