package se.vardnav.letter.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a regular file written into the drop folder itself may be taken; links of any kind are refused. */
class LetterDropLinksTest {
    @TempDir
    Path drop;
    @TempDir
    Path elsewhere;

    @Test
    void aRegularFileInTheFolderIsTaken() throws Exception {
        Path pdf = Files.writeString(drop.resolve("brev.pdf"), "%PDF-");
        assertThat(LetterDrop.outsideTheDrop(drop, pdf)).isNull();
    }

    @Test
    void linksAndDirectoriesAreRefused() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("journal.pdf"), "%PDF-");
        Path inside = Files.writeString(drop.resolve("inside.pdf"), "%PDF-");
        assertThat(LetterDrop.outsideTheDrop(drop, Files.createSymbolicLink(drop.resolve("a.pdf"), secret))).contains("symbolic link");
        assertThat(LetterDrop.outsideTheDrop(drop, Files.createSymbolicLink(drop.resolve("b.pdf"), inside)))
                .as("even to a file in the folder").contains("symbolic link");
        assertThat(LetterDrop.outsideTheDrop(drop, Files.createSymbolicLink(drop.resolve("c.pdf"), elsewhere.resolve("missing.pdf"))))
                .contains("symbolic link");
        assertThat(LetterDrop.outsideTheDrop(drop, Files.createLink(drop.resolve("d.pdf"), secret))).contains("hard link");
        assertThat(LetterDrop.outsideTheDrop(drop, Files.createDirectory(drop.resolve("e.pdf")))).contains("not a regular file");
        assertThat(LetterDrop.outsideTheDrop(drop, drop.resolve("missing.pdf"))).isNotNull();
    }
}
