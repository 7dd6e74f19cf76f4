package se.vardnav.letter.print;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import se.vardnav.document.LetterDocuments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges stored PDFs into one print job, in the order given. Sources and the result go through
 * temporary files (PDFBox's temp-file stream cache), so a mass print of many letters does not sit
 * in memory; the caller streams the result and deletes it.
 */
public class PdfMerger {
    private final LetterDocuments documents;

    public PdfMerger(LetterDocuments documents) {
        this.documents = documents;
    }

    /** A merged PDF in a temporary file, or a {@link PrintItemConflict} when a document is missing or not a PDF. */
    public Path merge(List<String> refs) {
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("nothing to print");
        }
        List<Path> sources = new ArrayList<>();
        Path merged = null;
        try {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (String ref : refs) {
                Path source = Files.createTempFile("vardnav-print-src-", ".pdf");
                sources.add(source);
                try (InputStream in = documents.open(ref)) {
                    Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
                } catch (IllegalArgumentException missing) {
                    throw new PrintItemConflict("a document of the letter is missing from the document store (" + ref + "); nothing was printed");
                }
                merger.addSource(source.toFile());
            }
            merged = Files.createTempFile("vardnav-print-", ".pdf");
            merger.setDestinationFileName(merged.toString());
            merger.mergeDocuments(IOUtils.createTempFileOnlyStreamCache());
            Path done = merged;
            merged = null;
            return done;
        } catch (IOException e) {
            throw new PrintItemConflict("the letters' documents could not be merged into one PDF (" + e.getClass().getSimpleName()
                    + "); nothing was printed");
        } finally {
            sources.forEach(PdfMerger::deleteQuietly);
            if (merged != null) {
                deleteQuietly(merged);
            }
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary print file " + file.getFileName(), e);
        }
    }
}
