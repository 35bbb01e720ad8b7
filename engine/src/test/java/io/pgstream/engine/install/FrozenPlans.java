package io.pgstream.engine.install;

import io.pgstream.core.compiler.Compilation;
import io.pgstream.core.compiler.CompileRequest;
import io.pgstream.core.compiler.Plan;
import io.pgstream.engine.compile.PlanInstaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differential plans an engine of a released version installed, recorded when that version was current
 * (src/test/resources/upgrade/plans-VERSION.properties; {@code -Dpgstream.golden.update=true} records them for
 * the version under test): stream tables upgraded from it keep these plans, so they are what an upgrade must keep
 * working, not what today's compiler would write. The readers they call are named by OID, recorded as
 * {@code {reader:SOURCE}}.
 */
final class FrozenPlans {

    private static final Pattern READER = Pattern.compile("\\{reader:([^}]+)}");
    /** By version, read once: while recording, the plans recorded so far. */
    private static final Map<String, Properties> LOADED = new java.util.HashMap<>();

    private FrozenPlans() {}

    /** Installs the recorded plan of the stream table {@code name} (which has id {@code id}). */
    static void install(Connection c, String version, String name, long id) throws SQLException {
        Properties plans = load(version);
        if (Boolean.getBoolean("pgstream.golden.update")) {
            record(c, version, plans, name, id);
        }
        if (!plans.containsKey(name + ".delta")) {
            throw new IllegalStateException("no recorded " + version + " plan of " + name
                    + ": record it with -Dpgstream.golden.update=true while " + version + " is current");
        }
        Map<String, String> readers = readers(c);
        Plan plan = new Plan(plans.getProperty(name + ".tree"), hiddenColumns(plans, name),
                withReaders(plans.getProperty(name + ".full"), readers), withReaders(plans.getProperty(name + ".delta"), readers),
                stateTables(plans, name, readers));
        PlanInstaller.install(c, id, definition(c, id), new Compilation.Differential(plan));
    }

    private static void record(Connection c, String version, Properties plans, String name, long id) throws SQLException {
        if (!(PlanInstaller.compile(c, id) instanceof Compilation.Differential differential)) {
            throw new IllegalStateException(name + " is not differential");
        }
        Plan plan = differential.plan();
        Map<String, String> placeholders = new LinkedHashMap<>();
        readers(c).forEach((source, reader) -> placeholders.put(reader, "{reader:" + source + "}"));
        plans.setProperty(name + ".tree", plan.operatorTree());
        plans.setProperty(name + ".full", replaced(plan.fullQuery(), placeholders));
        plans.setProperty(name + ".delta", replaced(plan.deltaStatement(), placeholders));
        for (int i = 0; i < plan.hiddenColumns().size(); i++) {
            plans.setProperty(name + ".hidden." + i, plan.hiddenColumns().get(i).name() + " " + plan.hiddenColumns().get(i).type());
        }
        for (int i = 0; i < plan.stateTables().size(); i++) {
            Plan.StateTable table = plan.stateTables().get(i);
            plans.setProperty(name + ".state." + i + ".name", table.name());
            plans.setProperty(name + ".state." + i + ".fill", replaced(table.fill(), placeholders));
            for (int j = 0; j < table.definition().size(); j++) {
                plans.setProperty(name + ".state." + i + ".definition." + j, table.definition().get(j));
            }
        }
        Path file = Path.of("src/test/resources/upgrade/plans-" + version + ".properties");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                plans.store(out, "pg_stream " + version + ": the plans its engine installed (see FrozenPlans)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Properties load(String version) {
        return LOADED.computeIfAbsent(version, FrozenPlans::read);
    }

    private static Properties read(String version) {
        Properties plans = new Properties();
        try (InputStream in = FrozenPlans.class.getResourceAsStream("/upgrade/plans-" + version + ".properties")) {
            if (in != null) {
                plans.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plans;
    }

    private static List<CompileRequest.Column> hiddenColumns(Properties plans, String name) {
        List<CompileRequest.Column> columns = new ArrayList<>();
        for (int i = 0; plans.containsKey(name + ".hidden." + i); i++) {
            String[] column = plans.getProperty(name + ".hidden." + i).split(" ", 2);
            columns.add(new CompileRequest.Column(column[0], column[1]));
        }
        return columns;
    }

    private static List<Plan.StateTable> stateTables(Properties plans, String name, Map<String, String> readers) {
        List<Plan.StateTable> tables = new ArrayList<>();
        for (int i = 0; plans.containsKey(name + ".state." + i + ".name"); i++) {
            String prefix = name + ".state." + i + ".";
            List<String> definition = new ArrayList<>();
            for (int j = 0; plans.containsKey(prefix + "definition." + j); j++) {
                definition.add(plans.getProperty(prefix + "definition." + j));
            }
            tables.add(new Plan.StateTable(plans.getProperty(prefix + "name"), definition,
                    withReaders(plans.getProperty(prefix + "fill"), readers)));
        }
        return tables;
    }

    /** Each captured source (as regclass prints it) and its reader. */
    private static Map<String, String> readers(Connection c) throws SQLException {
        Map<String, String> readers = new LinkedHashMap<>();
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT source_relid::regclass::text, pgstream._reader(source_relid) FROM pgstream.capture ORDER BY 1")) {
            while (rs.next()) {
                readers.put(rs.getString(1), rs.getString(2));
            }
        }
        return readers;
    }

    private static String withReaders(String sql, Map<String, String> readers) {
        Matcher m = READER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String reader = readers.get(m.group(1));
            if (reader == null) {
                throw new IllegalStateException("the recorded plan reads " + m.group(1) + ", which is not captured");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(reader));
        }
        return m.appendTail(out).toString();
    }

    /** Each reader's name replaced, where it is not the start of a longer one. */
    private static String replaced(String sql, Map<String, String> placeholders) {
        String out = sql;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            out = out.replaceAll(Pattern.quote(placeholder.getKey()) + "(?![0-9])", Matcher.quoteReplacement(placeholder.getValue()));
        }
        return out;
    }

    private static String definition(Connection c, long id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT definition FROM pgstream.stream_table WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
