package io.pgstream.tpch;

import java.util.List;

/**
 * The TPC-H schema as the specification defines it (clause 1.4: identifiers as integer, decimal(15,2)
 * money and quantities, fixed and variable text, dates), with the primary keys and the indexes a user
 * would put on the foreign keys the queries join and the correlated subqueries look up.
 */
final class TpchSchema {

    private TpchSchema() {}

    static final List<String> TABLES = List.of(
            """
            create table region (
                r_regionkey integer not null primary key,
                r_name char(25) not null,
                r_comment varchar(152))""",
            """
            create table nation (
                n_nationkey integer not null primary key,
                n_name char(25) not null,
                n_regionkey integer not null,
                n_comment varchar(152))""",
            """
            create table part (
                p_partkey integer not null primary key,
                p_name varchar(55) not null,
                p_mfgr char(25) not null,
                p_brand char(10) not null,
                p_type varchar(25) not null,
                p_size integer not null,
                p_container char(10) not null,
                p_retailprice decimal(15,2) not null,
                p_comment varchar(23) not null)""",
            """
            create table supplier (
                s_suppkey integer not null primary key,
                s_name char(25) not null,
                s_address varchar(40) not null,
                s_nationkey integer not null,
                s_phone char(15) not null,
                s_acctbal decimal(15,2) not null,
                s_comment varchar(101) not null)""",
            """
            create table partsupp (
                ps_partkey integer not null,
                ps_suppkey integer not null,
                ps_availqty integer not null,
                ps_supplycost decimal(15,2) not null,
                ps_comment varchar(199) not null,
                primary key (ps_partkey, ps_suppkey))""",
            """
            create table customer (
                c_custkey integer not null primary key,
                c_name varchar(25) not null,
                c_address varchar(40) not null,
                c_nationkey integer not null,
                c_phone char(15) not null,
                c_acctbal decimal(15,2) not null,
                c_mktsegment char(10) not null,
                c_comment varchar(117) not null)""",
            """
            create table orders (
                o_orderkey integer not null primary key,
                o_custkey integer not null,
                o_orderstatus char(1) not null,
                o_totalprice decimal(15,2) not null,
                o_orderdate date not null,
                o_orderpriority char(15) not null,
                o_clerk char(15) not null,
                o_shippriority integer not null,
                o_comment varchar(79) not null)""",
            """
            create table lineitem (
                l_orderkey integer not null,
                l_partkey integer not null,
                l_suppkey integer not null,
                l_linenumber integer not null,
                l_quantity decimal(15,2) not null,
                l_extendedprice decimal(15,2) not null,
                l_discount decimal(15,2) not null,
                l_tax decimal(15,2) not null,
                l_returnflag char(1) not null,
                l_linestatus char(1) not null,
                l_shipdate date not null,
                l_commitdate date not null,
                l_receiptdate date not null,
                l_shipinstruct char(25) not null,
                l_shipmode char(10) not null,
                l_comment varchar(44) not null,
                primary key (l_orderkey, l_linenumber))""");

    /**
     * Foreign-key indexes, created after the load (faster than maintaining them during COPY).
     * (l_partkey, l_suppkey) serves Q17's and Q20's correlated subqueries and Q9's join with partsupp.
     */
    static final List<String> INDEXES = List.of(
            "create index lineitem_orderkey on lineitem (l_orderkey)",
            "create index lineitem_part_supp on lineitem (l_partkey, l_suppkey)",
            "create index orders_custkey on orders (o_custkey)",
            "create index partsupp_suppkey on partsupp (ps_suppkey)",
            "create index customer_nationkey on customer (c_nationkey)",
            "create index supplier_nationkey on supplier (s_nationkey)",
            "create index nation_regionkey on nation (n_regionkey)");
}
