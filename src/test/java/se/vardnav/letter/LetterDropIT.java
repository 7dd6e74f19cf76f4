package se.vardnav.letter;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import se.vardnav.support.TestPersons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The file drop: a PDF and its metadata file in, the letter out to the platform; rejected drops to .error with a reason. */
class LetterDropIT extends LetterTestBase {
    @Value("${vardnav.letter.drop-dir}")
    Path dropDir;

    /** Written under a dot name and renamed, as the README asks: the hub never sees a half-written file. */
    private void drop(String name, byte[] content) throws Exception {
        Files.createDirectories(dropDir);
        Path tmp = dropDir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dropDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aDroppedPdfWithItsMetadataReachesThePlatform() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        String sourceId = "SECTRA-" + UUID.randomUUID();
        String name = "svar-" + sourceId;
        drop(name + ".pdf", PDF);
        drop(name + ".json", ("""
                {"source": "Sectra", "letterId": "%s", "documentName": "Röntgensvar", "kind": "ebrev",
                 "patient": {"system": "personnummer", "value": "%s"}, "text": "Ditt svar finns i bilagan. [4US:LPAT]"}
                """.formatted(sourceId, patient)).getBytes());

        await().until(() -> !jdbc.queryForList("SELECT id FROM letter WHERE source_letter_id = ?", sourceId).isEmpty());
        String id = letterIdOf(sourceId);
        await().until(() -> platform.findLetter(id).isPresent());
        assertThat(row(id).get("source")).isEqualTo("Sectra");
        await().until(() -> Files.exists(dropDir.resolve(".done").resolve(name + ".json")));
        assertThat(dropDir.resolve(".done").resolve(name + ".pdf")).exists();
        assertThat(dropDir.resolve(name + ".pdf")).doesNotExist();
    }

    @Test
    void anInvalidDropGoesToErrorWithAReason() throws Exception {
        String name = "trasig-" + UUID.randomUUID();
        drop(name + ".pdf", "not a pdf".getBytes());
        drop(name + ".json", """
                {"source": "Sectra", "letterId": "X-1", "documentName": "Svar", "patient": {"system": "personnummer", "value": "191212121213"}}
                """.getBytes());

        Path reason = dropDir.resolve(".error").resolve(name + ".reason.txt");
        await().until(() -> Files.exists(reason) && Files.exists(dropDir.resolve(".error").resolve(name + ".json")));
        assertThat(Files.readString(reason)).contains("not a PDF").contains("check digit").doesNotContain("191212121213");
        assertThat(dropDir.resolve(".error").resolve(name + ".pdf")).exists();
    }

    @Test
    void metadataWaitsForItsPdf() throws Exception {
        String patient = TestPersons.next();
        String sourceId = "SECTRA-" + UUID.randomUUID();
        String name = "vantar-" + sourceId;
        drop(name + ".json", ("""
                {"source": "Sectra", "letterId": "%s", "documentName": "Svar", "kind": "ebrev",
                 "patient": {"system": "personnummer", "value": "%s"}, "text": "[4US:LPAT]"}
                """.formatted(sourceId, patient)).getBytes());

        await().during(java.time.Duration.ofSeconds(2)).atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Files.exists(dropDir.resolve(name + ".json")));
        drop(name + ".pdf", PDF);
        await().until(() -> !jdbc.queryForList("SELECT id FROM letter WHERE source_letter_id = ?", sourceId).isEmpty());
    }
}
