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

    @Test
    void anAttachmentThatLinksToAFileOutsideTheDropIsRefusedWithAReason() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, null, null);
        Path outside = Files.createTempFile("not-for-the-patient", ".pdf");
        Files.write(outside, "%PDF-1.4 someone else's record".getBytes());
        String sourceId = "SECTRA-" + UUID.randomUUID();
        String name = "lank-" + sourceId;
        Files.createDirectories(dropDir);
        Files.createSymbolicLink(dropDir.resolve(name + ".pdf"), outside);
        drop(name + ".json", metadata(sourceId, patient));

        Path reason = dropDir.resolve(".error").resolve(name + ".reason.txt");
        await().until(() -> Files.exists(reason) && Files.exists(dropDir.resolve(".error").resolve(name + ".json")));
        assertThat(Files.readString(reason)).contains("attachment 1 is a symbolic link");
        assertThat(Files.isSymbolicLink(dropDir.resolve(".error").resolve(name + ".pdf"))).as("the link moved, not its target").isTrue();
        assertThat(outside).exists().hasContent("%PDF-1.4 someone else's record");
        assertThat(jdbc.queryForList("SELECT id FROM letter WHERE source_letter_id = ?", sourceId)).isEmpty();
    }

    @Test
    void aHardLinkAndALinkedMetadataFileAreRefusedToo() throws Exception {
        String patient = TestPersons.next();
        Path elsewhere = Files.createTempDirectory("elsewhere");
        Path outside = elsewhere.resolve("journal.pdf");
        Files.write(outside, "%PDF-1.4 someone else's record".getBytes());
        Files.createDirectories(dropDir);

        String hardId = "SECTRA-" + UUID.randomUUID();
        String hard = "hard-" + hardId;
        Files.createLink(dropDir.resolve(hard + ".pdf"), outside);
        drop(hard + ".json", metadata(hardId, patient));

        String linkedId = "SECTRA-" + UUID.randomUUID();
        String linked = "meta-" + linkedId;
        Path metaOutside = elsewhere.resolve("meta.json");
        Files.write(metaOutside, metadata(linkedId, patient));
        drop(linked + ".pdf", PDF);
        Files.createSymbolicLink(dropDir.resolve(linked + ".json"), metaOutside);

        Path hardReason = dropDir.resolve(".error").resolve(hard + ".reason.txt");
        Path linkedReason = dropDir.resolve(".error").resolve(linked + ".reason.txt");
        await().until(() -> Files.exists(hardReason) && Files.exists(linkedReason));
        assertThat(Files.readString(hardReason)).contains("attachment 1 is a hard link");
        assertThat(Files.readString(linkedReason)).contains("metadata file is a symbolic link");
        assertThat(jdbc.queryForList("SELECT id FROM letter WHERE source_letter_id IN (?, ?)", hardId, linkedId)).isEmpty();
        assertThat(outside).exists();
        assertThat(metaOutside).exists();
        await().until(() -> Files.exists(dropDir.resolve(".error").resolve(linked + ".pdf")));
    }

    private static byte[] metadata(String sourceId, String patient) {
        return ("""
                {"source": "Sectra", "letterId": "%s", "documentName": "Svar", "kind": "ebrev",
                 "patient": {"system": "personnummer", "value": "%s"}, "text": "Svar. [4US:LPAT]"}
                """.formatted(sourceId, patient)).getBytes();
    }
}
