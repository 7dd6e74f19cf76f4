package se.vardnav.console.print;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The full personnummer of print list rows, for the one place a console page shows it: the print list row, where
 * staff must address the envelope. Read per shown row only; the JSON API and every other page keep it masked.
 */
public class PrintRowPatients {
    private final JdbcTemplate jdbc;
    /** letter.patient_id is stored sealed (personal data at rest) */
    private final se.vardnav.privacy.DataCipher cipher;

    public PrintRowPatients(JdbcTemplate jdbc, se.vardnav.privacy.DataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    public Map<Long, String> of(List<Long> printItemIds) {
        if (printItemIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> patients = new HashMap<>();
        jdbc.query("SELECT p.id, l.patient_id FROM print_item p JOIN letter l ON l.id = p.letter_id WHERE p.id IN ("
                        + String.join(", ", Collections.nCopies(printItemIds.size(), "?")) + ")",
                (java.sql.ResultSet rs) -> {
                    patients.put(rs.getLong(1), cipher.open(rs.getString(2)));
                }, printItemIds.toArray());
        return patients;
    }
}
