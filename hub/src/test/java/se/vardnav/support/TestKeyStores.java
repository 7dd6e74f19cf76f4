package se.vardnav.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key stores for TLS tests, made at test time with the JDK's keytool in a temp folder (PKCS12, EC P-256, valid two
 * days): self-signed certificates, each trusted by importing it into a trust store. Test material only; no party's
 * real key is in the repository.
 */
public final class TestKeyStores {
    public static final String PASSWORD = "test-only";
    private final Path dir;

    public TestKeyStores() {
        try {
            dir = Files.createTempDirectory("vardnav-tls");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A key pair with a self-signed certificate for {@code dn} (a server's gets 127.0.0.1 and localhost as names). */
    public String keyStore(String name, String dn, boolean server) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dn, "-validity", "2", "-storetype", "PKCS12", "-keystore", path(name + ".p12"),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (server) {
            args.addAll(List.of("-ext", "SAN=ip:127.0.0.1,dns:localhost"));
        }
        keytool(args.toArray(String[]::new));
        keytool("-exportcert", "-alias", name, "-keystore", path(name + ".p12"), "-storepass", PASSWORD, "-file", path(name + ".cer"));
        return path(name + ".p12");
    }

    /** A trust store holding the certificates of these key stores (made by {@link #keyStore} first). */
    public String trustStore(String name, String... trusted) {
        for (String t : trusted) {
            keytool("-importcert", "-noprompt", "-alias", t, "-file", path(t + ".cer"), "-storetype", "PKCS12",
                    "-keystore", path(name + ".p12"), "-storepass", PASSWORD);
        }
        return path(name + ".p12");
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
