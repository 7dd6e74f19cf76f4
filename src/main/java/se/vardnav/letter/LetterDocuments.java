package se.vardnav.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The hub's document store for letter PDFs (claim check): a letter's attachments are written here
 * once, streamed, and only their reference travels on the broker and sits in the database. The
 * reference is the SHA-256 of the content, so the same PDF posted twice is stored once.
 */
public class LetterDocuments {
    private static final Pattern REF = Pattern.compile("[0-9a-f]{64}");
    private final Path dir;

    public LetterDocuments(Path dir) {
        this.dir = dir.toAbsolutePath();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the document store at " + this.dir, e);
        }
    }

    /** A stored document: its reference, size and MD5 (hex, as Mina meddelanden wants the checksum). */
    public record Stored(String ref, long size, String md5) {}

    /** Streams the content to disk; returns once it is durable. */
    public Stored put(InputStream content) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "incoming-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long size;
            try (OutputStream out = new DigestOutputStream(new DigestOutputStream(Files.newOutputStream(tmp), sha), md5)) {
                size = content.transferTo(out);
            }
            String ref = HexFormat.of().formatHex(sha.digest());
            Path target = path(ref);
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(ref, size, HexFormat.of().formatHex(md5.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a letter document", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .part file holds nothing anyone refers to
                }
            }
        }
    }

    public Stored put(byte[] content) {
        return put(new java.io.ByteArrayInputStream(content));
    }

    /** Opens a stored document for streaming; the caller closes it. */
    public InputStream open(String ref) {
        try {
            return Files.newInputStream(path(ref));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no document with reference " + ref + " in the store");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document " + ref, e);
        }
    }

    public byte[] read(String ref) {
        try (InputStream in = open(ref)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document " + ref, e);
        }
    }

    public boolean exists(String ref) {
        return REF.matcher(ref).matches() && Files.exists(path(ref));
    }

    private Path path(String ref) {
        if (!REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("not a document reference: " + ref);
        }
        return dir.resolve(ref.substring(0, 2)).resolve(ref);
    }
}
