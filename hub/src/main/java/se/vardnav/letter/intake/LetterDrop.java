package se.vardnav.letter.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.PatientIdentity;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterKind;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The file drop for journal systems that only export files: {@code <name>.json} (metadata, the format is in
 * connectors/journal-letters/README.md) plus its PDFs, picked up when all are there. After intake the PDFs
 * go to {@code .done/}; a rejected letter's files go to {@code .error/} with {@code <name>.reason.txt}
 * (the route moves the metadata file itself). Links are refused: a file must be in the drop folder itself, not a
 * symbolic or hard link to one elsewhere. PDFs are streamed into the document store, never read whole.
 */
public class LetterDrop implements GenericFileFilter<File> {
    private static final Logger log = LoggerFactory.getLogger(LetterDrop.class);
    private final ObjectMapper json = new ObjectMapper();
    private final LetterIntake intake;
    private final LetterDocuments documents;

    public LetterDrop(LetterIntake intake, LetterDocuments documents) {
        this.intake = intake;
        this.documents = documents;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String source, String letterId, String documentName, String kind, Patient patient, String bookingId,
                           String text, List<String> securityLabels, List<String> attachments) {
        @Override
        public String toString() {
            return "Metadata[" + source + "/" + letterId + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Patient(String system, String value) {
        @Override
        public String toString() {
            return "Patient[" + system + "]";
        }
    }

    /** A letter is picked up only when its metadata and every PDF it names are there. */
    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return false;
        }
        File f = file.getFile();
        if (!f.getName().endsWith(".json")) {
            return false;
        }
        try {
            // a link counts as there (not followed): it is then refused, not waited for
            return Files.isSymbolicLink(f.toPath()) || attachmentNames(f, read(f)).stream()
                    .allMatch(n -> Files.exists(f.toPath().resolveSibling(n), LinkOption.NOFOLLOW_LINKS));
        } catch (RuntimeException unreadable) {
            return true; // let intake reject it with a reason instead of leaving it forever
        }
    }

    /** Takes the letter in; on a rejection moves the PDFs and a reason file to .error and throws (the route moves the metadata). */
    public void take(File metadataFile) {
        Path dir = metadataFile.toPath().getParent();
        List<String> names = List.of();
        List<LetterDocuments.Staged> staged = new ArrayList<>();
        try {
            if (Files.isSymbolicLink(metadataFile.toPath())) {
                names = List.of(metadataFile.getName().replaceFirst("\\.json$", ".pdf")); // not read: its PDF by the default name goes along
                throw new RejectedDropException("the metadata file is a symbolic link; links are refused (files must be written into the drop folder)");
            }
            Metadata m = read(metadataFile);
            names = attachmentNames(metadataFile, m);
            IncomingLetter letter = toLetter(m, dir, names, documents, staged);
            intake.accept(letter);
            move(dir, names, ".done");
        } catch (RejectedDropException e) {
            reject(dir, metadataFile, names, e.getMessage());
            throw e;
        } finally {
            staged.forEach(documents::discard); // a no-op for those intake stored
        }
        // anything else (broker or database down) propagates with the files left in place: the route retries
    }

    /** A dropped letter that cannot be taken in; the message names the problem, never the content. */
    public static class RejectedDropException extends RuntimeException {
        public RejectedDropException(String reason) {
            super(reason);
        }
    }

    private Metadata read(File f) {
        try {
            return json.readValue(f, Metadata.class);
        } catch (IOException e) {
            throw new RejectedDropException("metadata is not valid JSON of the documented format");
        }
    }

    private static List<String> attachmentNames(File metadataFile, Metadata m) {
        if (m.attachments() != null) {
            for (String n : m.attachments()) {
                if (n == null || n.contains("/") || n.contains("\\") || n.startsWith(".")) {
                    throw new RejectedDropException("attachments must be plain file names in the same directory");
                }
            }
            return m.attachments();
        }
        String base = metadataFile.getName().substring(0, metadataFile.getName().length() - ".json".length());
        return List.of(base + ".pdf");
    }

    static IncomingLetter toLetter(Metadata m, Path dir, List<String> names, LetterDocuments documents, List<LetterDocuments.Staged> staged) {
        List<String> problems = new ArrayList<>();
        if (blank(m.source())) problems.add("source is required");
        if (blank(m.letterId())) problems.add("letterId is required");
        if (blank(m.documentName())) problems.add("documentName is required");
        PatientIdentity patient = null;
        if (m.patient() == null || blank(m.patient().value())) {
            problems.add("patient.value is required");
        } else {
            IdentityKind kind = identityKind(m.patient().system());
            if (kind == null) {
                problems.add("patient.system must be personnummer, samordningsnummer or reservnummer");
            } else {
                try {
                    patient = PatientIdentity.classify(m.patient().value(), kind.oid());
                } catch (PatientIdentity.InvalidIdentityException e) {
                    problems.add("patient: " + e.getMessage());
                }
            }
        }
        LetterKind hint = null;
        if (!blank(m.kind())) {
            try {
                hint = ControlCodes.kindOfCode(m.kind());
            } catch (IllegalArgumentException e) {
                problems.add("kind must be kallelse, ebrev or remissbekraftelse");
            }
        }
        List<IncomingLetter.Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            String which = "attachment " + (i + 1);
            Path file = dir.resolve(n);
            String notHere = outsideTheDrop(dir, file);
            if (notHere != null) {
                problems.add(which + " " + notHere);
                continue;
            }
            // streamed into the document store (not read whole), and never through a link even if one appeared meanwhile
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] head = in.readNBytes(5);
                if (head.length < 5 || !new String(head, StandardCharsets.US_ASCII).equals("%PDF-")) {
                    problems.add(which + " is not a PDF");
                    continue;
                }
                LetterDocuments.Staged s = documents.stage(out -> {
                    out.write(head);
                    in.transferTo(out);
                });
                staged.add(s);
                attachments.add(new IncomingLetter.Attachment(n, "application/pdf", null, s));
            } catch (IOException e) {
                problems.add(which + " cannot be read");
            }
            // an UncheckedIOException from the document store propagates: the files stay and are tried again
        }
        if (!problems.isEmpty()) {
            throw new RejectedDropException(String.join("; ", problems));
        }
        var labels = new LinkedHashSet<String>();
        if (m.securityLabels() != null) {
            labels.addAll(m.securityLabels());
        }
        return new IncomingLetter(m.source().strip(), m.letterId().strip(), m.documentName().strip(), hint, patient,
                blank(m.bookingId()) ? null : m.bookingId().strip(), m.text(), labels, attachments);
    }

    /**
     * Why a dropped file may not be taken, or null: a symbolic link (to anything, anywhere), a hard link (the same
     * file under another name, possibly outside the folder), or a path that resolves outside the drop folder. The
     * drop folder is writable by the journal system's export; the hub must not send files it was pointed to.
     */
    static String outsideTheDrop(Path dir, Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                return "is a symbolic link; links are refused (the PDF must be written into the drop folder)";
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return "is not a regular file";
            }
            if (!file.toRealPath().getParent().equals(dir.toRealPath())) {
                return "resolves outside the drop folder";
            }
            Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                return "is a hard link to another file; links are refused (the PDF must be written into the drop folder)";
            }
            return null;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return null; // no link count on this file system: symbolic links and the real path were checked
        } catch (IOException e) {
            return "cannot be read";
        }
    }

    private static IdentityKind identityKind(String system) {
        if (system == null) return null;
        return switch (system.strip().toLowerCase(Locale.ROOT)) {
            case "personnummer", "urn:oid:" + Fhir.PERSONNUMMER_OID -> IdentityKind.PERSONNUMMER;
            case "samordningsnummer", "urn:oid:" + Fhir.SAMORDNINGSNUMMER_OID -> IdentityKind.SAMORDNINGSNUMMER;
            case "reservnummer", "urn:oid:" + Fhir.RESERVNUMMER_OID -> IdentityKind.RESERVNUMMER;
            default -> {
                for (IdentityKind k : IdentityKind.values()) {
                    if (k.system().equalsIgnoreCase(system.strip())) yield k;
                }
                yield null;
            }
        };
    }

    private static void reject(Path dir, File metadataFile, List<String> names, String reason) {
        move(dir, names, ".error");
        try {
            Path error = Files.createDirectories(dir.resolve(".error"));
            String base = metadataFile.getName().replaceFirst("\\.json$", "");
            Files.writeString(error.resolve(base + ".reason.txt"), reason + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("Cannot write the reason file for a rejected letter drop: {}", e.getClass().getSimpleName());
        }
        log.warn("A letter drop was rejected (see its reason file in .error): {}", reason);
    }

    private static void move(Path dir, List<String> names, String to) {
        for (String n : names) {
            Path f = dir.resolve(n);
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) { // a link moves as the link
                try {
                    Path target = Files.createDirectories(dir.resolve(to)).resolve(n);
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot move a dropped file to " + to, e);
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
