package se.vardnav.document;

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

import se.vardnav.privacy.DataCipher;

/**
 * The hub's document store for letter PDFs (claim check): a letter's attachments are written here
 * once, streamed, and only their reference travels on the broker and sits in the database. The
 * reference is the SHA-256 of the content, so the same PDF posted twice is stored once. The files are sealed
 * (AES-GCM, {@link DataCipher}): a PDF names its patient; reading opens it with the key it names.
 */
public class LetterDocuments {
    private static final Pattern REF = Pattern.compile("[0-9a-f]{64}");
    private final Path dir;
    private final DataCipher cipher;

    public LetterDocuments(Path dir, DataCipher cipher) {
        this.dir = dir.toAbsolutePath();
        this.cipher = cipher;
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
        return commit(stage(content::transferTo));
    }

    /** Writes a document's content to the stream it is given (e.g. a base64 decoder reading a request body). */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A document written to the store's directory but not yet stored under its reference: nothing refers to
     * it, and {@link #discard} removes it (a letter that turns out invalid or already known leaves nothing behind).
     */
    public record Staged(Path file, String ref, long size, String md5) {
        @Override
        public String toString() {
            return "Staged[" + size + " bytes]";
        }
    }

    /** Streams content into a staging file, computing its reference (SHA-256) and MD5 on the way. */
    public Staged stage(ContentWriter content) {
        Path tmp = null;
        boolean done = false;
        try {
            tmp = Files.createTempFile(dir, "incoming-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            CountingOutputStream counted;
            // the digests are of the clear content (its reference, the operators' checksum); the file holds it sealed
            try (OutputStream out = new DigestOutputStream(new DigestOutputStream(cipher.sealing(
                    new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)), sha), md5)) {
                counted = new CountingOutputStream(out);
                content.writeTo(counted);
            }
            done = true;
            return new Staged(tmp, HexFormat.of().formatHex(sha.digest()), counted.count, HexFormat.of().formatHex(md5.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a letter document", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!done) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Stores a staged document under its reference; returns once it is durable. */
    public Stored commit(Staged staged) {
        try {
            Path target = path(staged.ref());
            Files.createDirectories(target.getParent());
            Files.move(staged.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(staged.ref(), staged.size(), staged.md5());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a letter document", e);
        } finally {
            deleteQuietly(staged.file());
        }
    }

    /** Removes a staged document that was not committed (a no-op after {@link #commit}). */
    public void discard(Staged staged) {
        deleteQuietly(staged.file());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover .part file holds nothing anyone refers to
            }
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    public Stored put(byte[] content) {
        return put(new java.io.ByteArrayInputStream(content));
    }

    /** Opens a stored document for streaming; the caller closes it. */
    public InputStream open(String ref) {
        try {
            return cipher.opening(Files.newInputStream(path(ref)));
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

    /** Removes a stored document (retention); false when it was not there. */
    public boolean delete(String ref) {
        try {
            return Files.deleteIfExists(path(ref));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete document " + ref, e);
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
