package se.vardnav.durability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An H2 file database writes a commit to its file only after {@code WRITE_DELAY} (500 ms by default): a hub
 * killed in that time forgets rows it has already answered for (201, AA). The hub's URL sets
 * {@code WRITE_DELAY=0}; this makes it so for any H2 URL an operator gives, before Flyway or a route uses the
 * database. The setting is the database's own (persistent); PostgreSQL is left as it is (its commits are durable).
 */
public final class H2CommitDurability implements BeanPostProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(H2CommitDurability.class);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            try (Connection c = dataSource.getConnection()) {
                apply(c);
            } catch (SQLException e) {
                throw new IllegalStateException("could not make the H2 database's commits durable", e);
            }
        }
        return bean;
    }

    /** On an H2 database that writes to a file, commits are written before they return; other databases unchanged. */
    public static void apply(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        if (!"H2".equals(c.getMetaData().getDatabaseProductName()) || url.startsWith("jdbc:h2:mem:")) {
            return;
        }
        if (writeDelay(c) != 0) {
            try (Statement s = c.createStatement()) {
                s.execute("SET WRITE_DELAY 0");
            }
            LOG.info("H2: WRITE_DELAY set to 0, so that a commit is in the file before the hub answers");
        }
    }

    static int writeDelay(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }
}
