package se.vardnav.durability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A process that commits numbered rows to an H2 database, one per transaction, and prints each number once its
 * commit has returned: what a hub does before it answers. {@link H2KillDurabilityIT} kills it with SIGKILL.
 * Arguments: the JDBC URL, then {@code guard} to apply {@link H2CommitDurability} first.
 */
public final class H2CommitProbe {
    private H2CommitProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
            if (args.length > 1 && "guard".equals(args[1])) {
                H2CommitDurability.apply(c);
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS answered (n INT PRIMARY KEY, filler VARCHAR(200))");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO answered (n, filler) VALUES (?, ?)")) {
                for (int n = 1; ; n++) {
                    insert.setInt(1, n);
                    insert.setString(2, "x".repeat(200));
                    insert.executeUpdate(); // auto-commit: returns after the commit
                    System.out.println("committed " + n);
                    System.out.flush();
                }
            }
        }
    }
}
