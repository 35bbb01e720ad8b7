package io.pgstream.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system account that owns the data directory and runs initdb, pg_ctl and the server.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM runs as root (as in containers and CI) the work is handed to
 * the unprivileged system account {@value #SYSTEM_ACCOUNT}, created on first use, through {@code setpriv}.
 * Otherwise the JVM's own account runs the binaries directly.
 */
final class ServerAccount {

    static final String SYSTEM_ACCOUNT = "pgstream";

    private static final Logger log = LoggerFactory.getLogger(ServerAccount.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> switchUserPrefix;

    private ServerAccount(String name, List<String> switchUserPrefix) {
        this.name = name;
        this.switchUserPrefix = switchUserPrefix;
    }

    static ServerAccount forThisJvm() throws IOException {
        if (effectiveUid() != 0) {
            return new ServerAccount(System.getProperty("user.name"), List.of());
        }
        ensureSystemAccountExists();
        String uid = ProcessRunner.runOrThrow(List.of("id", "-u", SYSTEM_ACCOUNT), TIMEOUT);
        String gid = ProcessRunner.runOrThrow(List.of("id", "-g", SYSTEM_ACCOUNT), TIMEOUT);
        return new ServerAccount(SYSTEM_ACCOUNT,
                List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
    }

    /** The effective uid of this JVM, read from /proc because Java has no API for it. */
    static int effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[2]); // fields: real, effective, saved, filesystem
            }
        }
        throw new IOException("/proc/self/status has no Uid line");
    }

    String name() {
        return name;
    }

    /** The command line that runs {@code command} as this account. */
    List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(switchUserPrefix);
        full.addAll(command);
        return full;
    }

    /** Hands a tree the JVM created (or wrote into) over to this account. */
    void takeOwnership(Path tree) throws IOException {
        if (!switchUserPrefix.isEmpty()) {
            // "name:" also sets the group to the account's login group
            ProcessRunner.runOrThrow(List.of("chown", "-R", name + ":", tree.toString()), TIMEOUT);
        }
    }

    /**
     * Throws unless this account passes {@code test <flag> <path>}: asking the OS as that account covers every
     * parent directory's permissions, ACLs included.
     */
    void requireAccess(Path path, String testFlag, String problem) throws IOException {
        if (!ProcessRunner.run(command(List.of("test", testFlag, path.toString())), TIMEOUT).succeeded()) {
            throw new IOException(problem);
        }
    }

    private static void ensureSystemAccountExists() throws IOException {
        if (accountExists()) {
            return;
        }
        ProcessRunner.Result created = ProcessRunner.run(List.of("useradd", "--system", "--user-group",
                "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SYSTEM_ACCOUNT),
                TIMEOUT);
        if (created.succeeded()) {
            log.info("Created system account {} to run PostgreSQL, which refuses to run as root", SYSTEM_ACCOUNT);
        } else if (!accountExists()) { // else a concurrent JVM created it between our check and useradd
            throw new IOException("PostgreSQL cannot run as root and creating the system account " + SYSTEM_ACCOUNT
                    + " with useradd failed (exit code " + created.exitCode() + "): " + created.output());
        }
    }

    private static boolean accountExists() throws IOException {
        return ProcessRunner.run(List.of("id", "-u", SYSTEM_ACCOUNT), TIMEOUT).succeeded();
    }
}
