package io.pgstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryCacheTest {

    @Test
    void installationIsWorldReadableKeepsExecutableBitsAndSymlinksAndStaysWritable() throws Exception {
        Path install = BinaryCache.install(BinaryCache.defaultCacheDirectory()).directory();

        assertEquals("rwxr-xr-x", permissions(install));
        assertEquals("rwxr-xr-x", permissions(install.resolve("bin/postgres")));
        assertEquals("rwxr-xr-x", permissions(install.resolve("share/postgresql/extension")));
        assertEquals("rw-r--r--", permissions(install.resolve("share/postgresql/postgres.bki")));
        assertTrue(Files.isSymbolicLink(install.resolve("lib/libpq.so")));
        assertTrue(Files.isRegularFile(install.resolve("lib/libpq.so")), "the link resolves inside the tree");
        assertTrue(Files.isWritable(install.resolve("share/postgresql/extension")));
    }

    @Test
    void concurrentUnpacksEndWithOneCompleteTree(@TempDir Path cache) throws Exception {
        Callable<Path> unpack = () -> BinaryCache.unpack(cache);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Path>> results = threads.invokeAll(List.of(unpack, unpack));
            Path first = results.get(0).get();
            assertEquals(first, results.get(1).get());
            try (Stream<Path> entries = Files.list(cache)) {
                assertEquals(List.of(first), entries.toList(), "no staging directory is left behind");
            }
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
