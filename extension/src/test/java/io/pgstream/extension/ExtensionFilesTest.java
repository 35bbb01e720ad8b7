package io.pgstream.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packaged extension files are complete and consistent. */
class ExtensionFilesTest {

    /** The packaged directory: the control file and index as written, the install script as assembled at build. */
    @Test
    void theIndexListsExactlyTheFilesInTheDirectory() throws IOException, URISyntaxException {
        Path packaged = Path.of(ExtensionFiles.class.getClassLoader().getResource("extension/index").toURI()).getParent();
        try (Stream<Path> files = Files.list(packaged)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index")).sorted().toList();
            assertEquals(onDisk, ExtensionFiles.names().stream().sorted().toList());
        }
    }

    @Test
    void theDefaultVersionHasAnInstallScriptAndMatchesVersionFunction() {
        String version = ExtensionFiles.defaultVersion();
        assertTrue(ExtensionFiles.installableVersions().contains(version));
        assertTrue(ExtensionFiles.read("pg_stream--" + version + ".sql")
                .contains("FUNCTION pgstream.version() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT '" + version + "' $$;"));
    }

    @Test
    void everyShippedVersionHasAnUpgradePathToTheDefault() {
        for (String version : ExtensionFiles.installableVersions()) {
            ExtensionFiles.upgradePath(version); // throws when a step is missing
        }
        assertTrue(ExtensionFiles.upgradePath(ExtensionFiles.defaultVersion()).isEmpty());
    }

    @Test
    void plainSqlDropsOnlyThePsqlGuard() {
        String script = ExtensionFiles.asPlainSql("pg_stream--" + ExtensionFiles.defaultVersion() + ".sql");
        assertFalse(script.contains("\\echo"));
        assertTrue(script.contains("CREATE TABLE pgstream.stream_table"));
    }

    @Test
    void theInstallScriptIsItsSectionsInNameOrder() throws IOException {
        String assembled;
        try (Stream<Path> sections = Files.list(Path.of("src/main/sql/pg_stream--" + ExtensionFiles.defaultVersion()))) {
            assembled = sections.sorted().map(ExtensionFilesTest::read).reduce("", String::concat);
        }
        assertEquals(assembled, ExtensionFiles.read("pg_stream--" + ExtensionFiles.defaultVersion() + ".sql"));
    }

    /** The upgrade from the previous version: its migration, then every section but those the install runs once. */
    @Test
    void theUpgradeScriptIsItsMigrationAndTheRerunnableSections() throws IOException {
        String version = ExtensionFiles.defaultVersion();
        for (String step : ExtensionFiles.upgradePath("0.1.0")) {
            String assembled;
            try (Stream<Path> sections = Files.list(Path.of("src/main/sql/pg_stream--" + version))) {
                assembled = read(Path.of("src/main/sql/upgrade/0.1.0--" + version + ".sql")) + sections
                        .filter(section -> !section.getFileName().toString().endsWith(".install.sql"))
                        .sorted().map(ExtensionFilesTest::read).reduce("", String::concat);
            }
            assertEquals(assembled, ExtensionFiles.read(step));
            assertFalse(Pattern.compile("(?m)^CREATE (SCHEMA|TABLE|TYPE|SEQUENCE|INDEX) ").matcher(assembled).find(),
                    "a section an upgrade re-runs creates a schema, table, type, sequence or index: name it NN-topic.install.sql");
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
