package io.pgstream.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stream-table graph of {@code pgstream.dependencies} drawn as a tree for {@code pg-stream status}. At the
 * top are the stream tables no other stream table reads (what applications query); below each, indented, what
 * it reads: stream tables with their own sources below them, down to the plain tables. A table read by several
 * stream tables appears under each of them, so every path from what is queried to where the data comes from can
 * be read top-down, and a suspended table shows above everything it holds back.
 */
final class DependencyTree {

    /** One edge: {@code downstream} reads {@code upstream}, whose kind is "stream table", "table", ... */
    record Edge(String upstream, String upstreamKind, String downstream) {
        boolean fromStreamTable() {
            return upstreamKind.equals("stream table");
        }
    }

    private static final String SELECT =
            "SELECT upstream, upstream_kind, downstream FROM pgstream.dependencies ORDER BY downstream, upstream";
    private static final String BRANCH = "├── ";
    private static final String LAST_BRANCH = "└── ";
    private static final String CONTINUED = "│   ";
    private static final String ENDED = "    ";

    private final Map<String, StreamTableInfo> tables;
    private final Map<String, List<Edge>> sourcesOf;

    DependencyTree(List<StreamTableInfo> tables, List<Edge> edges) {
        this.tables = tables.stream().collect(Collectors.toMap(StreamTableInfo::name, Function.identity()));
        this.sourcesOf = edges.stream().sorted(Comparator.comparing(Edge::upstream))
                .collect(Collectors.groupingBy(Edge::downstream));
    }

    static List<Edge> readEdges(Connection connection) throws SQLException {
        List<Edge> edges = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                edges.add(new Edge(rs.getString("upstream"), rs.getString("upstream_kind"), rs.getString("downstream")));
            }
        }
        return edges;
    }

    List<String> lines() {
        Set<String> readByAStreamTable = sourcesOf.values().stream().flatMap(List::stream)
                .filter(Edge::fromStreamTable).map(Edge::upstream).collect(Collectors.toSet());
        List<String> lines = new ArrayList<>();
        tables.keySet().stream().filter(name -> !readByAStreamTable.contains(name)).sorted().forEach(top -> {
            lines.add(streamTableLabel(top));
            addSources(top, "", new HashSet<>(Set.of(top)), lines);
        });
        return lines;
    }

    /** Adds the sources of a stream table below it; {@code path} holds the tables above, to stop at a cycle. */
    private void addSources(String streamTable, String indent, Set<String> path, List<String> lines) {
        List<Edge> sources = sourcesOf.getOrDefault(streamTable, List.of());
        for (int i = 0; i < sources.size(); i++) {
            Edge edge = sources.get(i);
            boolean last = i == sources.size() - 1;
            String prefix = indent + (last ? LAST_BRANCH : BRANCH);
            if (!edge.fromStreamTable()) {
                lines.add(prefix + edge.upstream() + " (" + edge.upstreamKind() + ")");
            } else if (!path.add(edge.upstream())) {
                lines.add(prefix + edge.upstream() + " (cycle)");
            } else {
                lines.add(prefix + streamTableLabel(edge.upstream()));
                addSources(edge.upstream(), indent + (last ? ENDED : CONTINUED), path, lines);
                path.remove(edge.upstream());
            }
        }
    }

    private String streamTableLabel(String name) {
        StreamTableInfo table = tables.get(name);
        return table == null ? name : name + " [" + table.status() + ", " + table.schedule() + "]";
    }
}
