package io.pgstream.core.analyzed;

import io.pgstream.core.analyzed.Expr.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the node text of {@code pg_rewrite.ev_action} (a list holding one {@code QUERY}) into a
 * {@link Query}. Enumerations are read by their numbers, which PostgreSQL 14 to 18 share; node names
 * are read in both spellings (PostgreSQL 15 wrote {@code CASE}, {@code WHEN} and {@code RTE} where 16
 * writes {@code CASEEXPR}, {@code CASEWHEN} and {@code RANGETBLENTRY}). An expression node it does not
 * know becomes {@link Expr.Unknown}: the compiler names it and refreshes in full.
 */
public final class QueryReader {

    private static final List<String> JOIN_TYPES = List.of("INNER", "LEFT", "FULL", "RIGHT", "SEMI", "ANTI");
    private static final List<String> SET_OPERATIONS = List.of("NONE", "UNION", "INTERSECT", "EXCEPT");
    private static final List<String> SUBLINK_KINDS = List.of("EXISTS", "ALL", "ANY", "ROWCOMPARE", "EXPR", "MULTIEXPR",
            "ARRAY", "CTE");
    private static final List<String> BOOLEAN_TESTS = List.of("IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE",
            "IS UNKNOWN", "IS NOT UNKNOWN");
    private static final List<String> MATERIALIZED = List.of("", "MATERIALIZED", "NOT MATERIALIZED");
    private static final Map<String, String> OLD_NAMES = Map.of("CASE", "CASEEXPR", "WHEN", "CASEWHEN", "ARRAY", "ARRAYEXPR",
            "ROW", "ROWEXPR", "ROWCOMPARE", "ROWCOMPAREEXPR", "COALESCE", "COALESCEEXPR", "MINMAX", "MINMAXEXPR",
            "COLLATE", "COLLATEEXPR", "ARRAYREF", "SUBSCRIPTINGREF", "RTE", "RANGETBLENTRY");
    private static final List<String> ENTRY_KINDS = List.of("relation", "subquery", "join", "function in FROM",
            "table function in FROM", "VALUES", "WITH query", "transition table", "FROM-less result", "group");

    private QueryReader() {}

    /** The query of a view's rewrite rule. */
    public static Query read(String evAction) {
        Object parsed = NodeText.parse(evAction);
        if (!(parsed instanceof List<?> list) || list.size() != 1 || !(list.getFirst() instanceof Node query)) {
            throw new IllegalArgumentException("a rewrite rule's action is a list of one query");
        }
        return query(query, true);
    }

    static Query query(Node node) {
        return query(node, false);
    }

    /** {@code ruleAction}: the query is a view's rule action, whose range table may start with OLD and NEW. */
    private static Query query(Node node, boolean ruleAction) {
        expect(node, "QUERY");
        List<String> refusals = new ArrayList<>();
        if (node.integer("commandType") != 1) {
            refusals.add("a statement other than SELECT");
        }
        if (node.flag("groupDistinct")) {
            refusals.add("GROUP BY DISTINCT");
        }
        if (node.flag("hasForUpdate") || !node.list("rowMarks").isEmpty()) {
            refusals.add("FOR UPDATE or FOR SHARE");
        }
        if (node.flag("hasModifyingCTE")) {
            refusals.add("a data-modifying statement in WITH");
        }
        if (node.integer("limitOption", 0) == 2) {
            refusals.add("FETCH FIRST ... WITH TIES");
        }
        Node jointree = node.node("jointree");
        return new Query(
                node.nodes("cteList").stream().map(QueryReader::cte).toList(),
                rangeTable(node.nodes("rtable"), ruleAction),
                jointree == null ? List.of() : jointree.nodes("fromlist").stream().map(QueryReader::fromItem).toList(),
                jointree == null ? null : expr(jointree.node("quals")),
                targets(node),
                sortGroups(node, "groupClause"),
                GroupingSets.expand(node.nodes("groupingSets")),
                expr(node.node("havingQual")),
                sortGroups(node, "distinctClause"),
                node.flag("hasDistinctOn"),
                sortGroups(node, "sortClause"),
                expr(node.node("limitCount")),
                expr(node.node("limitOffset")),
                setOperation(node.node("setOperations")),
                node.flag("hasAggs"),
                refusals);
    }

    private static Query.Cte cte(Node node) {
        expect(node, "COMMONTABLEEXPR");
        return new Query.Cte(node.token("ctename"), query(node.node("ctequery")), node.flag("cterecursive"),
                MATERIALIZED.get((int) node.integer("ctematerialized", 0)));
    }

    private static List<Query.RangeEntry> rangeTable(List<Node> entries, boolean ruleAction) {
        List<Query.RangeEntry> rangeTable = new ArrayList<>();
        for (Node entry : entries) {
            boolean placeholder = ruleAction && rangeTable.size() < 2 && isOldOrNewPlaceholder(entry);
            rangeTable.add(placeholder ? new Query.OtherEntry("placeholder for the view's OLD or NEW row",
                    entry.node("eref").token("aliasname"), List.of()) : entry(entry));
        }
        return rangeTable;
    }

    /**
     * Before PostgreSQL 16 a view's rule action starts its range table with two entries for the view itself,
     * named old and new, that no FROM item refers to; read as relations they would make the view read itself.
     */
    private static boolean isOldOrNewPlaceholder(Node entry) {
        Node alias = entry.node("alias");
        return entry.integer("rtekind") == 0 && "v".equals(entry.token("relkind")) && !entry.flag("inFromCl")
                && alias != null && List.of("old", "new").contains(alias.token("aliasname"));
    }

    private static Query.RangeEntry entry(Node node) {
        expect(node, "RANGETBLENTRY");
        Node eref = node.node("eref");
        String alias = eref.token("aliasname");
        List<String> columns = eref.list("colnames").stream().map(c -> ((Node.Text) c).value()).toList();
        int kind = (int) node.integer("rtekind");
        return switch (kind) {
            case 0 -> new Query.Relation(node.integer("relid"), node.token("relkind"), alias, columns);
            case 1 -> new Query.Subquery(query(node.node("subquery")), node.flag("lateral"), alias, columns);
            case 2 -> new Query.Join(JOIN_TYPES.get((int) node.integer("jointype")),
                    node.list("joinaliasvars").stream().map(v -> expr((Node) v)).toList(), alias, columns);
            case 3 -> new Query.Function(node.nodes("functions").stream().map(QueryReader::functionCall).toList(),
                    node.bool("funcordinality"), alias, columns);
            case 5 -> new Query.Values(node.list("values_lists").stream()
                    .map(row -> ((List<?>) row).stream().map(e -> expr((Node) e)).toList()).toList(), alias, columns);
            case 6 -> new Query.CteReference(node.token("ctename"), (int) node.integer("ctelevelsup"), alias, columns);
            case 9 -> new Query.Group(node.nodes("groupexprs").stream().map(QueryReader::expr).toList(), alias, columns);
            default -> new Query.OtherEntry(kind < ENTRY_KINDS.size() ? ENTRY_KINDS.get(kind) : "range-table entry kind " + kind,
                    alias, columns);
        };
    }

    /** A RANGETBLFUNCTION: its call (set-returning or not) and, for a record-returning one, its column definitions. */
    private static Query.FunctionCall functionCall(Node node) {
        Node call = node.node("funcexpr");
        List<String> names = node.list("funccolnames").stream().map(c -> ((Node.Text) c).value()).toList();
        List<Object> types = node.list("funccoltypes");
        List<Object> typmods = node.list("funccoltypmods");
        List<Expr.Type> definedTypes = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            definedTypes.add(new Type(Long.parseLong((String) types.get(i)), Integer.parseInt((String) typmods.get(i))));
        }
        return new Query.FunctionCall("FUNCEXPR".equals(name(call)) ? call(call) : expr(call), names, definedTypes, node.list("funccolcollations").stream().map(c -> Long.parseLong((String) c)).toList());
    }

    private static Query.FromItem fromItem(Node node) {
        return switch (name(node)) {
            case "RANGETBLREF" -> new Query.EntryRef((int) node.integer("rtindex"));
            case "JOINEXPR" -> new Query.JoinItem(JOIN_TYPES.get((int) node.integer("jointype")),
                    fromItem(node.node("larg")), fromItem(node.node("rarg")), expr(node.node("quals")),
                    (int) node.integer("rtindex"));
            case "FROMEXPR" -> throw new IllegalArgumentException("a nested FROM list");
            default -> throw new IllegalArgumentException("a FROM item " + node.type());
        };
    }

    /** The target list, each window function call with its WINDOW clause attached. */
    private static List<Query.Target> targets(Node node) {
        List<Query.Target> targets = node.nodes("targetList").stream().map(QueryReader::target).toList();
        Map<Integer, Expr.Over> windows = new java.util.HashMap<>();
        for (Node clause : node.nodes("windowClause")) {
            windows.put((int) clause.integer("winref"), window(clause, targets));
        }
        return targets.stream().map(t -> new Query.Target(Exprs.map(t.expr(),
                e -> e instanceof Expr.WindowCall call ? call.over(windows.get(call.winref())) : e),
                t.name(), t.sortGroupRef(), t.junk())).toList();
    }

    /** A WINDOW clause: its PARTITION BY and ORDER BY items are target entries (junk ones if not outputs). */
    private static Expr.Over window(Node node, List<Query.Target> targets) {
        expect(node, "WINDOWCLAUSE");
        List<Expr> partition = sortGroups(node, "partitionClause").stream().map(item -> target(targets, item).expr()).toList();
        List<Expr.SortKey> order = sortGroups(node, "orderClause").stream()
                .map(item -> new Expr.SortKey(target(targets, item).expr(), item.sortOperator(), item.nullsFirst())).toList();
        return new Expr.Over(partition, order, frame(node));
    }

    private static Query.Target target(List<Query.Target> targets, Query.SortGroup item) {
        return targets.stream().filter(t -> t.sortGroupRef() == item.targetRef()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no target entry " + item.targetRef()));
    }

    // frameOptions bits (parsenodes.h FRAMEOPTION_*), checked against PostgreSQL 18's rules for each frame kind;
    // each END_ bound kind is its START_ bit shifted left by one
    private static final int FRAME_NONDEFAULT = 0x1;
    private static final int FRAME_RANGE = 0x2;
    private static final int FRAME_ROWS = 0x4;
    private static final int FRAME_START_UNBOUNDED_PRECEDING = 0x20;
    private static final int FRAME_START_UNBOUNDED_FOLLOWING = 0x80;
    private static final int FRAME_START_CURRENT_ROW = 0x200;
    private static final int FRAME_START_OFFSET_PRECEDING = 0x800;
    private static final int FRAME_START_OFFSET_FOLLOWING = 0x2000;
    private static final int FRAME_EXCLUDE_CURRENT_ROW = 0x8000;
    private static final int FRAME_EXCLUDE_GROUP = 0x10000;
    private static final int FRAME_EXCLUDE_TIES = 0x20000;

    /** The frame written out, or null for the default one (RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW). */
    private static Expr.Frame frame(Node node) {
        int options = (int) node.integer("frameOptions");
        if ((options & FRAME_NONDEFAULT) == 0) {
            return null;
        }
        String mode = (options & FRAME_RANGE) != 0 ? "RANGE" : (options & FRAME_ROWS) != 0 ? "ROWS" : "GROUPS";
        String exclusion = (options & FRAME_EXCLUDE_CURRENT_ROW) != 0 ? "CURRENT ROW"
                : (options & FRAME_EXCLUDE_GROUP) != 0 ? "GROUP" : (options & FRAME_EXCLUDE_TIES) != 0 ? "TIES" : null;
        return new Expr.Frame(mode, bound(options, 0, expr(node.node("startOffset"))),
                bound(options, 1, expr(node.node("endOffset"))), exclusion);
    }

    /** The start ({@code shift} 0) or end (1) bound; a frame without BETWEEN ends at CURRENT ROW, as its bits say. */
    private static Expr.Bound bound(int options, int shift, Expr offset) {
        if ((options & (FRAME_START_UNBOUNDED_PRECEDING << shift)) != 0) {
            return new Expr.Bound("UNBOUNDED PRECEDING", null);
        }
        if ((options & (FRAME_START_UNBOUNDED_FOLLOWING << shift)) != 0) {
            return new Expr.Bound("UNBOUNDED FOLLOWING", null);
        }
        if ((options & (FRAME_START_CURRENT_ROW << shift)) != 0) {
            return new Expr.Bound("CURRENT ROW", null);
        }
        if ((options & (FRAME_START_OFFSET_PRECEDING << shift)) != 0) {
            return new Expr.Bound("PRECEDING", offset);
        }
        if ((options & (FRAME_START_OFFSET_FOLLOWING << shift)) != 0) {
            return new Expr.Bound("FOLLOWING", offset);
        }
        throw new IllegalArgumentException("a window frame bound of no known kind (frameOptions " + options + ")");
    }

    private static Query.Target target(Node node) {
        expect(node, "TARGETENTRY");
        return new Query.Target(expr(node.node("expr")), node.token("resname"), (int) node.integer("ressortgroupref"),
                node.bool("resjunk"));
    }

    private static List<Query.SortGroup> sortGroups(Node node, String field) {
        return node.nodes(field).stream().map(QueryReader::sortGroup).toList();
    }

    private static Query.SortGroup sortGroup(Node node) {
        expect(node, "SORTGROUPCLAUSE");
        return new Query.SortGroup((int) node.integer("tleSortGroupRef"), node.integer("eqop"), node.integer("sortop"),
                node.bool("nulls_first"));
    }

    private static Query.SetOperation setOperation(Node node) {
        if (node == null) {
            return null;
        }
        return switch (name(node)) {
            case "RANGETBLREF" -> new Query.Branch((int) node.integer("rtindex"));
            case "SETOPERATIONSTMT" -> new Query.Combine(SET_OPERATIONS.get((int) node.integer("op")), node.bool("all"),
                    setOperation(node.node("larg")), setOperation(node.node("rarg")));
            default -> throw new IllegalArgumentException("a set operation " + node.type());
        };
    }

    private static List<Expr> exprs(Node node, String field) {
        return node.list(field).stream().map(e -> expr((Node) e)).toList();
    }

    private static Type type(Node node, String oid, String typmod) {
        return new Type(node.integer(oid), typmod == null ? -1 : (int) node.integer(typmod, -1));
    }

    /** An expression node; null for an absent one. */
    static Expr expr(Node node) {
        if (node == null) {
            return null;
        }
        return switch (name(node)) {
            case "VAR" -> new Expr.Var((int) node.integer("varno"), (int) node.integer("varattno"),
                    (int) node.integer("varlevelsup"), type(node, "vartype", "vartypmod"));
            case "CONST" -> constant(node);
            case "OPEXPR" -> new Expr.Operator(node.integer("opno"), exprs(node, "args"));
            case "DISTINCTEXPR" -> {
                List<Expr> args = exprs(node, "args");
                yield new Expr.DistinctFrom(node.integer("opno"), args.get(0), args.get(1));
            }
            case "NULLIFEXPR" -> {
                List<Expr> args = exprs(node, "args");
                yield new Expr.NullIf(node.integer("opno"), args.get(0), args.get(1));
            }
            case "SCALARARRAYOPEXPR" -> {
                List<Expr> args = exprs(node, "args");
                yield new Expr.ArrayComparison(node.integer("opno"), node.bool("useOr"), args.get(0), args.get(1));
            }
            case "FUNCEXPR" -> function(node);
            case "NAMEDARGEXPR" -> new Expr.NamedArgument(node.token("name"), expr(node.node("arg")));
            case "BOOLEXPR" -> new Expr.Bool(Expr.BoolOp.valueOf(node.token("boolop").toUpperCase(java.util.Locale.ROOT)),
                    exprs(node, "args"));
            case "NULLTEST" -> new Expr.NullTest(expr(node.node("arg")), node.integer("nulltesttype") == 0);
            case "BOOLEANTEST" -> new Expr.BooleanTest(expr(node.node("arg")),
                    BOOLEAN_TESTS.get((int) node.integer("booltesttype")));
            case "RELABELTYPE", "ARRAYCOERCEEXPR", "COERCETODOMAIN" ->
                    new Expr.Cast(expr(node.node("arg")), type(node, "resulttype", "resulttypmod"));
            case "COERCEVIAIO" -> new Expr.Cast(expr(node.node("arg")), type(node, "resulttype", null));
            case "COLLATEEXPR" -> new Expr.Collate(expr(node.node("arg")), node.integer("collOid"));
            case "CASEEXPR" -> new Expr.Case(expr(node.node("arg")),
                    node.nodes("args").stream().map(w -> new Expr.When(expr(w.node("expr")), expr(w.node("result")))).toList(),
                    expr(node.node("defresult")));
            case "CASETESTEXPR" -> new Expr.CaseValue(type(node, "typeId", "typeMod"));
            case "COALESCEEXPR" -> new Expr.Coalesce(exprs(node, "args"));
            case "MINMAXEXPR" -> new Expr.Extreme(node.integer("op") == 0, exprs(node, "args"));
            case "ARRAYEXPR" -> new Expr.Array(type(node, "array_typeid", null), exprs(node, "elements"));
            case "ROWEXPR" -> new Expr.Row(exprs(node, "args"),
                    node.integer("row_typeid") == 2249 ? null : type(node, "row_typeid", null));
            case "ROWCOMPAREEXPR" -> new Expr.RowComparison(
                    node.list("opnos").stream().map(o -> Long.parseLong((String) o)).toList(),
                    exprs(node, "largs"), exprs(node, "rargs"));
            case "SUBSCRIPTINGREF" -> subscript(node);
            case "AGGREF" -> aggregate(node);
            case "SUBLINK" -> new Expr.SubLink(SUBLINK_KINDS.get((int) node.integer("subLinkType")),
                    expr(node.node("testexpr")), query(node.node("subselect")));
            case "PARAM" -> node.integer("paramkind") == 2
                    ? new Expr.SubqueryOutput((int) node.integer("paramid"), type(node, "paramtype", "paramtypmod"))
                    : new Expr.Unknown("PARAM", "a parameter");
            case "WINDOWFUNC" -> new Expr.WindowCall(node.integer("winfnoid"), exprs(node, "args"), expr(node.node("aggfilter")),
                    node.bool("winstar"), (int) node.integer("winref"), null, type(node, "wintype", null));
            case "SQLVALUEFUNCTION" -> new Expr.Unknown("SQLVALUEFUNCTION",
                    "CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_USER or another SQL value function");
            case "GROUPINGFUNC" -> node.integer("agglevelsup") > 0 ? new Expr.Unknown("GROUPINGFUNC", "GROUPING() of an outer query")
                    : new Expr.Grouping(exprs(node, "args"), node.list("refs").stream().map(r -> Integer.parseInt((String) r)).toList());
            case "FIELDSELECT" -> new Expr.Unknown("FIELDSELECT", "a field of a composite value");
            default -> new Expr.Unknown(node.type(), "an expression node PostgreSQL calls " + node.type());
        };
    }

    private static Expr constant(Node node) {
        Type type = type(node, "consttype", "consttypmod");
        if (node.bool("constisnull")) {
            return new Expr.Const(type, null);
        }
        Object value = node.value("constvalue");
        Optional<String> text = value instanceof Node.Datum datum ? DatumText.of(type.oid(), datum.bytes()) : Optional.empty();
        return text.<Expr>map(t -> new Expr.Const(type, t))
                .orElseGet(() -> new Expr.Unknown("CONST", "a constant of type oid " + type.oid()));
    }

    /** A function call in an expression: one returning a set is marked, PostgreSQL evaluates it per row. */
    private static Expr function(Node node) {
        return node.bool("funcretset") ? new Expr.SetReturning(call(node)) : call(node);
    }

    private static Expr call(Node node) {
        int format = (int) node.integer("funcformat");
        List<Expr> args = exprs(node, "args");
        Type result = type(node, "funcresulttype", null);
        // 1 and 2 are explicit and implicit casts through a function; a length coercion's second argument is the typmod
        if ((format == 1 || format == 2) && !args.isEmpty()) {
            int typmod = args.size() >= 2 && args.get(1) instanceof Expr.Const c && c.type().oid() == 23 && c.text() != null
                    ? Integer.parseInt(c.text()) : -1;
            return new Expr.Cast(args.getFirst(), new Type(result.oid(), typmod));
        }
        return new Expr.Function(node.integer("funcid"), args, node.bool("funcvariadic"), result);
    }

    private static Expr subscript(Node node) {
        if (node.node("refassgnexpr") != null) {
            return new Expr.Unknown("SUBSCRIPTINGREF", "an array assignment");
        }
        List<Object> lower = node.list("reflowerindexpr");
        return new Expr.Subscript(expr(node.node("refexpr")), exprs(node, "refupperindexpr"),
                lower.isEmpty() ? null : lower.stream().map(e -> expr((Node) e)).toList());
    }

    private static Expr aggregate(Node node) {
        String kind = node.token("aggkind");
        if (!"n".equals(kind)) {
            return new Expr.Unknown("AGGREF", "an ordered-set aggregate (WITHIN GROUP)");
        }
        List<Node> args = node.nodes("args");
        List<Expr> arguments = args.stream().filter(a -> !a.bool("resjunk")).map(a -> expr(a.node("expr"))).toList();
        List<Expr.SortKey> order = new ArrayList<>();
        for (Node item : node.nodes("aggorder")) {
            Query.SortGroup sort = sortGroup(item);
            Node entry = args.stream().filter(a -> a.integer("ressortgroupref") == sort.targetRef()).findFirst().orElseThrow();
            order.add(new Expr.SortKey(expr(entry.node("expr")), sort.sortOperator(), sort.nullsFirst()));
        }
        return new Expr.Aggregate(node.integer("aggfnoid"), arguments, order, !node.list("aggdistinct").isEmpty(),
                expr(node.node("aggfilter")), node.bool("aggstar"), node.bool("aggvariadic"),
                (int) node.integer("agglevelsup"), type(node, "aggtype", null));
    }

    private static String name(Node node) {
        return OLD_NAMES.getOrDefault(node.type(), node.type());
    }

    private static void expect(Node node, String type) {
        if (!name(node).equals(type)) {
            throw new IllegalArgumentException("expected a " + type + " node, not " + node.type());
        }
    }
}
