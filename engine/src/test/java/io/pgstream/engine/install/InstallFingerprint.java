package io.pgstream.engine.install;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything an install of pg_stream puts in a database, one line per property, for comparing two installs:
 * in schemas pgstream and pgstream_changes every function (its whole definition, owner and privileges), relation
 * (kind, owner, privileges, row security; columns with types, defaults, identity and privileges; constraints;
 * indexes; view definitions; sequence parameters), trigger, policy and comment; the event triggers; the
 * schemas with their owner, privileges and default privileges; the extension's members and the tables it has
 * pg_dump dump; and the settings' rows.
 */
final class InstallFingerprint {

    private static final String SCHEMAS = "('pgstream', 'pgstream_changes')";

    private static final String QUERY = """
            WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname IN %1$s),
            rel AS (SELECT c.* FROM pg_class c JOIN ns ON ns.oid = c.relnamespace),
            ext AS (SELECT * FROM pg_extension WHERE extname = 'pg_stream')
            SELECT 'schema ' || nspname || ' owner ' || nspowner::regrole || ' acl ' || coalesce(nspacl::text, '-')
              FROM pg_namespace WHERE nspname IN %1$s
            UNION ALL
            SELECT 'default acl ' || coalesce(defaclnamespace::regnamespace::text, '-') || ' ' || defaclrole::regrole
                   || ' ' || defaclobjtype::text || ' ' || defaclacl::text
              FROM pg_default_acl WHERE defaclnamespace IN (SELECT oid FROM ns)
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure || ' owner ' || p.proowner::regrole
                   || ' acl ' || coalesce(p.proacl::text, '-') || E'\\n' || pg_get_functiondef(p.oid)
              FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
            UNION ALL
            SELECT format('relation %%s kind %%s owner %%s acl %%s persistence %%s replident %%s rls %%s/%%s options %%s',
                          c.oid::regclass, c.relkind, c.relowner::regrole, coalesce(c.relacl::text, '-'), c.relpersistence,
                          c.relreplident, c.relrowsecurity, c.relforcerowsecurity, coalesce(c.reloptions::text, '-'))
              FROM rel c
            UNION ALL
            -- columns by position among the live ones: a column dropped in an upgrade leaves a gap in attnum
            SELECT format('column %%s #%%s %%s %%s not null %%s default %%s identity %%s generated %%s acl %%s',
                          a.attrelid::regclass,
                          row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), a.attname,
                          format_type(a.atttypid, a.atttypmod), a.attnotnull,
                          coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), a.attidentity, a.attgenerated,
                          coalesce(a.attacl::text, '-'))
              FROM pg_attribute a JOIN rel c ON c.oid = a.attrelid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'constraint ' || con.conrelid::regclass || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
              FROM pg_constraint con JOIN rel c ON c.oid = con.conrelid
            UNION ALL
            SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN rel c ON c.oid = i.indrelid
            UNION ALL
            SELECT 'view ' || c.oid::regclass || ' ' || pg_get_viewdef(c.oid) FROM rel c WHERE c.relkind IN ('v', 'm')
            UNION ALL
            SELECT format('sequence %%s %%s start %%s increment %%s min %%s max %%s cache %%s cycle %%s',
                          s.seqrelid::regclass, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
                          s.seqmax, s.seqcache, s.seqcycle)
              FROM pg_sequence s JOIN rel c ON c.oid = s.seqrelid
            UNION ALL
            SELECT 'type ' || format_type(t.oid, NULL) || ' ' || t.typtype::text || ' owner ' || t.typowner::regrole
                   || ' acl ' || coalesce(t.typacl::text, '-')
              FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
             WHERE t.typcategory <> 'A'
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
              FROM pg_trigger t JOIN rel c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal
            UNION ALL
            SELECT 'policy ' || pol.polrelid::regclass || ' ' || pol.polname || ' ' || pol.polcmd::text || ' '
                   || pol.polpermissive || ' ' || pol.polroles::regrole[]::text || ' '
                   || coalesce(pg_get_expr(pol.polqual, pol.polrelid), '-') || ' '
                   || coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '-')
              FROM pg_policy pol JOIN rel c ON c.oid = pol.polrelid
            UNION ALL
            SELECT 'event trigger ' || evtname || ' on ' || evtevent || ' ' || evtfoid::regprocedure || ' tags '
                   || coalesce(evttags::text, '-') || ' enabled ' || evtenabled::text || ' owner ' || evtowner::regrole
              FROM pg_event_trigger WHERE evtname LIKE 'pgstream%%'
            UNION ALL
            SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
              FROM pg_description d
             WHERE (pg_identify_object(d.classoid, d.objoid, d.objsubid)).schema IN %1$s
                OR (d.classoid = 'pg_namespace'::regclass AND d.objoid IN (SELECT oid FROM ns))
            UNION ALL
            SELECT 'member ' || pg_describe_object(dep.classid, dep.objid, dep.objsubid)
              FROM pg_depend dep JOIN ext ON dep.refclassid = 'pg_extension'::regclass AND dep.refobjid = ext.oid
             WHERE dep.deptype = 'e'
            UNION ALL
            SELECT 'dumped ' || cfg.relid::regclass || ' where ' || cfg.condition
              FROM ext, unnest(ext.extconfig, ext.extcondition) AS cfg(relid, condition)
            UNION ALL
            SELECT 'setting ' || name || ' = ' || value || ': ' || description FROM pgstream.settings
            """.formatted(SCHEMAS);

    private InstallFingerprint() {}

    static TreeSet<String> of(TestDatabase db) throws SQLException {
        return new TreeSet<>(db.queryColumn(QUERY));
    }

    /** Fails naming every line only one of the two installs has. */
    static void assertSame(TestDatabase expected, TestDatabase actual, String what) throws SQLException {
        TreeSet<String> want = of(expected);
        TreeSet<String> got = of(actual);
        List<String> differences = new ArrayList<>();
        want.stream().filter(line -> !got.contains(line)).forEach(line -> differences.add("missing: " + line));
        got.stream().filter(line -> !want.contains(line)).forEach(line -> differences.add("extra:   " + line));
        assertTrue(differences.isEmpty(), what + " differs from a fresh install (" + differences.size() + " lines):\n"
                + String.join("\n", differences));
        assertTrue(want.size() > 300, "the fingerprint sees the install: " + want.size() + " lines");
    }
}
