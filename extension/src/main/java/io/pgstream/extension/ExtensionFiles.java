package io.pgstream.extension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The extension's files as packaged: the control file, install scripts and upgrade scripts. */
public final class ExtensionFiles {

    public static final String NAME = "pg_stream";
    private static final String DIRECTORY = "extension/";
    private static final Pattern INSTALL = Pattern.compile("pg_stream--([0-9.]+)\\.sql");
    private static final Pattern UPGRADE = Pattern.compile("pg_stream--([0-9.]+)--([0-9.]+)\\.sql");
    private static final Pattern DEFAULT_VERSION = Pattern.compile("(?m)^default_version\\s*=\\s*'([^']+)'");

    private ExtensionFiles() {}

    /** Every file name listed in the packaged index. */
    public static List<String> names() {
        return read("index").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    public static String read(String name) {
        try (InputStream in = ExtensionFiles.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("extension file " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String defaultVersion() {
        Matcher m = DEFAULT_VERSION.matcher(read(NAME + ".control"));
        if (!m.find()) {
            throw new IllegalStateException("pg_stream.control has no default_version");
        }
        return m.group(1);
    }

    /** The versions that have a full install script. */
    public static List<String> installableVersions() {
        List<String> versions = new ArrayList<>();
        for (String name : names()) {
            Matcher m = INSTALL.matcher(name);
            if (m.matches()) {
                versions.add(m.group(1));
            }
        }
        return versions;
    }

    /** The upgrade steps from one version to the default one, in order (empty when already there). */
    public static List<String> upgradePath(String from) {
        List<String> steps = new ArrayList<>();
        String at = from;
        String target = defaultVersion();
        while (!at.equals(target)) {
            Optional<String> step = upgradeFrom(at);
            if (step.isEmpty()) {
                throw new IllegalStateException("no upgrade script leads from pg_stream " + at + " to " + target);
            }
            steps.add(step.get());
            Matcher m = UPGRADE.matcher(step.get());
            m.matches();
            at = m.group(2);
        }
        return steps;
    }

    private static Optional<String> upgradeFrom(String version) {
        return names().stream().filter(name -> {
            Matcher m = UPGRADE.matcher(name);
            return m.matches() && m.group(1).equals(version);
        }).findFirst();
    }

    /**
     * A script as plain SQL for a schema install: without the psql guard line that stops it being run
     * outside CREATE EXTENSION.
     */
    public static String asPlainSql(String scriptName) {
        return read(scriptName).lines()
                .filter(line -> !line.startsWith("\\echo"))
                .reduce(new StringBuilder(), (sb, line) -> sb.append(line).append('\n'), StringBuilder::append)
                .toString();
    }
}
