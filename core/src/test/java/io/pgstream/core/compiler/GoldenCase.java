package io.pgstream.core.compiler;

import io.pgstream.core.algebra.TableName;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.QueryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A golden file of {@code src/test/resources/golden}: a query, what PostgreSQL made of it (its normalized
 * definition, output columns, analyzed tree, the catalog names the tree refers to, and its answers to the
 * compiler's type probes), and the plan the compiler makes of those. Sections start with
 * {@code -- name} lines. The engine's {@code GoldenInputsTest} fills and checks the PostgreSQL sections
 * against a live server; {@link PlanGoldenTest} checks the plan sections without one.
 */
public record GoldenCase(Path file, Map<String, String> sections) {

    public static final Path DIRECTORY = Path.of("src/test/resources/golden");

    /** The sections PostgreSQL's answers fill, and the plan sections, in file order. */
    public static final List<String> INPUTS = List.of("query", "definition", "columns", "probe types", "analyzed", "catalog");
    public static final List<String> OUTPUTS = List.of("result", "operator tree", "hidden columns", "full query", "delta statement",
            "state tables");

    /** The sources every golden query may read: the oracle schema's tables, every column captured. */
    public static final List<CompileRequest.Source> SOURCES = List.of(
            source("a", "id", "k", "g", "v", "f", "t", "flag"), source("b", "id", "k", "w", "label"), source("c", "id", "k", "g", "x"),
            source("d", "id", "k", "n", "tags", "arr", "recs", "obj", "s"));

    public static final String TARGET = "\"public\".\"st\"";
    /** The id of the stream table every golden query is compiled for. */
    public static final long ID = 1;

    private static CompileRequest.Source source(String table, String... columns) {
        return new CompileRequest.Source(new TableName("public", table), "pgstream_changes.\"read_" + table + "\"",
                List.of(columns));
    }

    public static List<GoldenCase> all(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().map(GoldenCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GoldenCase read(Path file) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("-- ") && (INPUTS.contains(line.substring(3)) || OUTPUTS.contains(line.substring(3)))) {
                    if (name != null) {
                        sections.put(name, strip(body));
                    }
                    name = line.substring(3);
                    body.setLength(0);
                } else {
                    body.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (name != null) {
            sections.put(name, strip(body));
        }
        return new GoldenCase(file, sections);
    }

    private static String strip(StringBuilder body) {
        String text = body.toString();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    public String name() {
        return file.getFileName().toString().replace(".sql", "");
    }

    public String section(String name) {
        return sections.getOrDefault(name, "");
    }

    /** This case with some sections replaced. */
    public GoldenCase with(Map<String, String> replaced) {
        Map<String, String> all = new LinkedHashMap<>(sections);
        all.putAll(replaced);
        return new GoldenCase(file, all);
    }

    public void write() {
        StringBuilder text = new StringBuilder();
        for (String name : Stream.concat(INPUTS.stream(), OUTPUTS.stream()).toList()) {
            text.append("-- ").append(name).append('\n').append(section(name)).append('\n');
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compile request the PostgreSQL sections describe. */
    public CompileRequest request() {
        List<CompileRequest.Column> columns = section("columns").lines()
                .map(line -> new CompileRequest.Column(line.split(" ", 2)[0], line.split(" ", 2)[1])).toList();
        return new CompileRequest(section("definition"), QueryReader.read(section("analyzed")), catalog(), TARGET, columns,
                SOURCES, ID);
    }

    /** PostgreSQL's recorded answers to the compiler's type probes, in order. */
    public TypeResolver recordedTypes() {
        Iterator<String> answers = section("probe types").lines().iterator();
        return probe -> {
            if (!answers.hasNext()) {
                throw new IllegalStateException(name() + ": no recorded answer for the probe " + probe);
            }
            String answer = answers.next();
            return answer.isEmpty() ? List.of() : Arrays.asList(answer.split(";"));
        };
    }

    private Catalog catalog() {
        Map<Long, Catalog.Operator> operators = new HashMap<>();
        Map<Long, Catalog.Function> functions = new HashMap<>();
        Map<Expr.Type, String> types = new HashMap<>();
        Map<Long, String> collations = new HashMap<>();
        Map<Long, TableName> relations = new HashMap<>();
        for (String line : section("catalog").lines().toList()) {
            String[] f = line.split("\t");
            long oid = Long.parseLong(f[1]);
            switch (f[0]) {
                case "operator" -> operators.put(oid, new Catalog.Operator(f[2], f[3]));
                case "function" -> functions.put(oid, new Catalog.Function(f[2], f[3], f[4], Long.parseLong(f[5]), f[6]));
                case "type" -> types.put(new Expr.Type(oid, Integer.parseInt(f[2])), f[3]);
                case "collation" -> collations.put(oid, f[2]);
                case "relation" -> relations.put(oid, new TableName(f[2], f[3]));
                default -> throw new IllegalArgumentException(name() + ": catalog line " + line);
            }
        }
        return new Catalog(operators, functions, types, collations, relations, Map.of());
    }

    /** A catalog as the {@code catalog} section writes it, one object a line, sorted. */
    public static String catalogSection(Catalog catalog) {
        List<String> lines = new ArrayList<>();
        catalog.operators().forEach((oid, o) -> lines.add(String.join("\t", "operator", oid.toString(), o.schema(), o.name())));
        catalog.functions().forEach((oid, f) -> lines.add(String.join("\t", "function", oid.toString(), f.schema(), f.name(),
                f.kind(), Long.toString(f.variadicType()), f.volatility())));
        catalog.types().forEach((t, name) -> lines.add(String.join("\t", "type", Long.toString(t.oid()),
                Integer.toString(t.typmod()), name)));
        catalog.collations().forEach((oid, name) -> lines.add(String.join("\t", "collation", oid.toString(), name)));
        catalog.relations().forEach((oid, r) -> lines.add(String.join("\t", "relation", oid.toString(), r.schema(), r.name())));
        return lines.stream().sorted().collect(Collectors.joining("\n"));
    }

    /** The plan sections of a compilation: differential with its plan, or full-only with its reason. */
    public static Map<String, String> outputs(Compilation compilation) {
        Map<String, String> outputs = new LinkedHashMap<>();
        switch (compilation) {
            case Compilation.Differential differential -> {
                Plan plan = differential.plan();
                outputs.put("result", "differential");
                outputs.put("operator tree", strip(new StringBuilder(plan.operatorTree())));
                outputs.put("hidden columns", plan.hiddenColumns().stream().map(c -> c.name() + " " + c.type())
                        .collect(Collectors.joining("\n")));
                outputs.put("full query", plan.fullQuery());
                outputs.put("delta statement", strip(new StringBuilder(plan.deltaStatement())));
                outputs.put("state tables", plan.stateTables().stream()
                        .map(t -> t.name() + "\n" + String.join(";\n", t.definition()) + ";\nfill: " + t.fill())
                        .collect(Collectors.joining("\n")));
            }
            case Compilation.FullOnly full -> {
                outputs.put("result", "full only: " + full.reason());
                outputs.put("operator tree", strip(new StringBuilder(full.operatorTree())));
                outputs.put("hidden columns", "");
                outputs.put("full query", "");
                outputs.put("delta statement", "");
                outputs.put("state tables", "");
            }
        }
        return outputs;
    }
}
