package se.vardnav.durability;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row whose commit has returned is still there after kill -9 of the process that committed it: on the H2 URL the
 * hub ships, and on any H2 file URL once {@link H2CommitDurability} has run (H2's default write delay of 500 ms lost
 * such rows). The committing process is a JVM of its own, killed with SIGKILL in the middle of its commits.
 */
class H2KillDurabilityIT {
    private static final int COMMITS_BEFORE_KILL = 400;

    @Test
    void aCommitOnTheHubsH2UrlSurvivesKill9() throws Exception {
        Path data = Files.createTempDirectory("vardnav-h2-kill");
        String shipped = new YamlPropertiesFactoryBean() {{
            setResources(new ClassPathResource("application.yml"));
        }}.getObject().getProperty("spring.datasource.url");
        String url = shipped.replace("${vardnav.data-dir}", data.toString());

        assertThat(committedAfterKill(url, false)).isGreaterThanOrEqualTo(COMMITS_BEFORE_KILL);
    }

    @Test
    void aCommitOnAnOperatorsH2UrlSurvivesKill9OnceTheHubHasOpenedIt() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("vardnav-h2-kill").resolve("db");

        assertThat(committedAfterKill(url, true)).isGreaterThanOrEqualTo(COMMITS_BEFORE_KILL);
    }

    /** Lets the probe commit, kills it with SIGKILL once it has said so for the given count, and counts what is left. */
    private static int committedAfterKill(String url, boolean guard) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2CommitProbe.class.getName(), url));
        if (guard) {
            cmd.add("guard");
        }
        Process probe = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int lastAnswered = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null && lastAnswered < COMMITS_BEFORE_KILL; line = out.readLine()) {
                if (line.startsWith("committed ")) { // other lines are the probe's log
                    lastAnswered = Integer.parseInt(line.substring("committed ".length()).strip());
                }
            }
            probe.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the database
            assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAnswered).as("the probe committed before it was killed").isEqualTo(COMMITS_BEFORE_KILL);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(n), 0) FROM answered")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no gaps").isEqualTo(rs.getInt(2));
            return rs.getInt(2);
        }
    }
}
