package io.pgstream.tpch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The changes of one TPC-H cycle, deterministic from a seed: the spec's refresh functions (clause
 * 2.5) RF1, new orders with their lineitems, and RF2, deleted orders with theirs, each 0.1% of the
 * orders loaded; then a few updates to customers, parts, suppliers, partsupp and orders. Every order
 * inserted or deleted, and every update, is its own transaction, as a real workload's would be.
 *
 * <p>New rows take their values in the domains of clause 4.2.3: customer keys not divisible by 3 (a
 * third of the customers never order, which Q13 and Q22 count), order dates up to 151 days before the
 * end date, each lineitem's supplier among the four the spec's formula gives its part (so that it is
 * in partsupp), ship, commit and receipt dates after the order date, return flag and line status from
 * the dates and the current date 1995-06-17, prices from the part key, and the total price from the
 * lineitems.
 */
public final class TpchWorkload {

    /** What one cycle changed, for the log. */
    public record CycleChanges(int ordersInserted, int lineitemsInserted, int ordersDeleted, int lineitemsDeleted,
                        int rowsUpdated) {
        @Override
        public String toString() {
            return "RF1 +%d orders +%d lineitems, RF2 -%d orders -%d lineitems, %d rows updated".formatted(
                    ordersInserted, lineitemsInserted, ordersDeleted, lineitemsDeleted, rowsUpdated);
        }
    }

    private static final LocalDate START_DATE = LocalDate.of(1992, 1, 1);
    private static final LocalDate CURRENT_DATE = LocalDate.of(1995, 6, 17);
    private static final LocalDate END_DATE = LocalDate.of(1998, 12, 31);

    private static final List<String> PRIORITIES = List.of("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");
    private static final List<String> SEGMENTS = List.of("AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD");
    private static final List<String> INSTRUCTIONS = List.of("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");
    private static final List<String> SHIP_MODES = List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");
    private static final List<String> TYPE_SIZES = List.of("STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO");
    private static final List<String> TYPE_FINISHES = List.of("ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED");
    private static final List<String> TYPE_MATERIALS = List.of("TIN", "NICKEL", "BRASS", "STEEL", "COPPER");
    private static final List<String> ORDER_STATUSES = List.of("F", "O", "P");
    /** Words for comments; "special" and "requests" matter to Q13, which leaves such orders out. */
    private static final List<String> WORDS = List.of("furiously", "special", "requests", "pending", "deposits",
            "carefully", "final", "accounts", "ironic", "packages", "regular", "foxes", "sleep", "haggle",
            "blithely", "quickly", "bold", "theodolites", "express", "instructions", "across", "the");

    private final Random random;
    private final int customers;
    private final int parts;
    private final int suppliers;
    private final int clerks;
    /** Orders per refresh function: 0.1% of the orders loaded. */
    private final int ordersPerRefresh;
    private int nextOrderKey;

    private TpchWorkload(long seed, int customers, int parts, int suppliers, int orders, int maxOrderKey) {
        this.random = new Random(seed);
        this.customers = customers;
        this.parts = parts;
        this.suppliers = suppliers;
        this.clerks = Math.max(1, suppliers / 10); // SF * 1000 clerks, SF * 10000 suppliers
        this.ordersPerRefresh = Math.max(1, Math.round(orders / 1000f));
        this.nextOrderKey = maxOrderKey + 1;
    }

    /** A workload over the loaded data: table sizes and the highest order key are read from it. */
    public static TpchWorkload over(Connection connection, long seed) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
                select (select count(*) from customer), (select count(*) from part), (select count(*) from supplier),
                       (select count(*) from orders), (select max(o_orderkey) from orders)""")) {
            rs.next();
            return new TpchWorkload(seed, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
        }
    }

    /** RF1, RF2, then the updates; the connection is left in autocommit mode. */
    public CycleChanges runCycle(Connection connection) throws SQLException {
        int[] inserted = newOrders(connection);
        int[] deleted = deleteOrders(connection);
        int updated = updates(connection);
        return new CycleChanges(inserted[0], inserted[1], deleted[0], deleted[1], updated);
    }

    /** RF1: new orders above the highest key, each with 1 to 7 lineitems, one transaction per order. */
    private int[] newOrders(Connection connection) throws SQLException {
        int lineitems = 0;
        try (PreparedStatement order = connection.prepareStatement(
                     "insert into orders values (?, ?, ?, ?, ?, ?, ?, 0, ?)");
             PreparedStatement lineitem = connection.prepareStatement(
                     "insert into lineitem values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int n = 0; n < ordersPerRefresh; n++) {
                int orderKey = nextOrderKey++;
                LocalDate orderDate = START_DATE.plusDays(random.nextInt(
                        (int) (END_DATE.toEpochDay() - 151 - START_DATE.toEpochDay()) + 1));
                int lines = 1 + random.nextInt(7);
                BigDecimal totalPrice = BigDecimal.ZERO;
                Set<String> statuses = new LinkedHashSet<>();
                for (int line = 1; line <= lines; line++) {
                    int partKey = 1 + random.nextInt(parts);
                    int quantity = 1 + random.nextInt(50);
                    BigDecimal extendedPrice = retailPrice(partKey).multiply(BigDecimal.valueOf(quantity));
                    BigDecimal discount = BigDecimal.valueOf(random.nextInt(11), 2);
                    BigDecimal tax = BigDecimal.valueOf(random.nextInt(9), 2);
                    LocalDate shipDate = orderDate.plusDays(1 + random.nextInt(121));
                    LocalDate commitDate = orderDate.plusDays(30 + random.nextInt(61));
                    LocalDate receiptDate = shipDate.plusDays(1 + random.nextInt(30));
                    String returnFlag = receiptDate.isAfter(CURRENT_DATE) ? "N" : random.nextBoolean() ? "R" : "A";
                    String lineStatus = shipDate.isAfter(CURRENT_DATE) ? "O" : "F";
                    statuses.add(lineStatus);
                    totalPrice = totalPrice.add(extendedPrice.multiply(BigDecimal.ONE.add(tax))
                            .multiply(BigDecimal.ONE.subtract(discount)));
                    int column = 0;
                    lineitem.setInt(++column, orderKey);
                    lineitem.setInt(++column, partKey);
                    lineitem.setInt(++column, supplierOf(partKey, random.nextInt(4)));
                    lineitem.setInt(++column, line);
                    lineitem.setBigDecimal(++column, BigDecimal.valueOf(quantity));
                    lineitem.setBigDecimal(++column, extendedPrice);
                    lineitem.setBigDecimal(++column, discount);
                    lineitem.setBigDecimal(++column, tax);
                    lineitem.setString(++column, returnFlag);
                    lineitem.setString(++column, lineStatus);
                    lineitem.setObject(++column, shipDate);
                    lineitem.setObject(++column, commitDate);
                    lineitem.setObject(++column, receiptDate);
                    lineitem.setString(++column, pick(INSTRUCTIONS));
                    lineitem.setString(++column, pick(SHIP_MODES));
                    lineitem.setString(++column, comment(10, 43));
                    lineitem.addBatch();
                }
                int column = 0;
                order.setInt(++column, orderKey);
                order.setInt(++column, orderingCustomer());
                order.setString(++column, statuses.size() > 1 ? "P" : statuses.iterator().next());
                order.setBigDecimal(++column, totalPrice.setScale(2, RoundingMode.HALF_UP));
                order.setObject(++column, orderDate);
                order.setString(++column, pick(PRIORITIES));
                order.setString(++column, "Clerk#%09d".formatted(1 + random.nextInt(clerks)));
                order.setString(++column, comment(19, 78));
                inTransaction(connection, () -> {
                    order.executeUpdate();
                    lineitem.executeBatch();
                });
                lineitems += lines;
            }
        }
        return new int[] {ordersPerRefresh, lineitems};
    }

    /** RF2: deletes orders picked at random among the existing ones, with their lineitems, one transaction each. */
    private int[] deleteOrders(Connection connection) throws SQLException {
        List<Integer> keys = orderKeys(connection);
        int orders = 0;
        int lineitems = 0;
        try (PreparedStatement deleteLineitems = connection.prepareStatement("delete from lineitem where l_orderkey = ?");
             PreparedStatement deleteOrder = connection.prepareStatement("delete from orders where o_orderkey = ?")) {
            for (int n = 0; n < ordersPerRefresh && !keys.isEmpty(); n++) {
                int key = keys.remove(random.nextInt(keys.size()));
                deleteLineitems.setInt(1, key);
                deleteOrder.setInt(1, key);
                int[] deleted = new int[1];
                inTransaction(connection, () -> {
                    deleted[0] = deleteLineitems.executeUpdate();
                    deleteOrder.executeUpdate();
                });
                orders++;
                lineitems += deleted[0];
            }
        }
        return new int[] {orders, lineitems};
    }

    /**
     * A few updates of the columns the queries filter, group and sum on, each in autocommit: customers'
     * balance and segment, parts' price, type and size, suppliers' balance and comment (every other one
     * with the complaint Q16 leaves out), partsupp's cost and quantity, orders' status and priority.
     */
    private int updates(Connection connection) throws SQLException {
        int rows = 0;
        try (PreparedStatement customer = connection.prepareStatement(
                "update customer set c_acctbal = ?, c_mktsegment = ? where c_custkey = ?")) {
            for (int n = 0; n < 3; n++) {
                customer.setBigDecimal(1, money(-99_999, 999_999));
                customer.setString(2, pick(SEGMENTS));
                customer.setInt(3, 1 + random.nextInt(customers));
                rows += customer.executeUpdate();
            }
        }
        try (PreparedStatement part = connection.prepareStatement(
                "update part set p_retailprice = ?, p_type = ?, p_size = ? where p_partkey = ?")) {
            for (int n = 0; n < 3; n++) {
                part.setBigDecimal(1, money(90_000, 209_899));
                part.setString(2, pick(TYPE_SIZES) + " " + pick(TYPE_FINISHES) + " " + pick(TYPE_MATERIALS));
                part.setInt(3, 1 + random.nextInt(50));
                part.setInt(4, 1 + random.nextInt(parts));
                rows += part.executeUpdate();
            }
        }
        try (PreparedStatement supplier = connection.prepareStatement(
                "update supplier set s_acctbal = ?, s_comment = ? where s_suppkey = ?")) {
            for (int n = 0; n < 2; n++) {
                supplier.setBigDecimal(1, money(-99_999, 999_999));
                supplier.setString(2, random.nextBoolean()
                        ? comment(5, 20) + " Customer " + comment(5, 20) + " Complaints " + comment(5, 35)
                        : comment(25, 100));
                supplier.setInt(3, 1 + random.nextInt(suppliers));
                rows += supplier.executeUpdate();
            }
        }
        try (PreparedStatement partsupp = connection.prepareStatement(
                "update partsupp set ps_supplycost = ?, ps_availqty = ? where ps_partkey = ? and ps_suppkey = ?")) {
            for (int n = 0; n < 3; n++) {
                int partKey = 1 + random.nextInt(parts);
                partsupp.setBigDecimal(1, money(100, 100_000));
                partsupp.setInt(2, 1 + random.nextInt(9_999));
                partsupp.setInt(3, partKey);
                partsupp.setInt(4, supplierOf(partKey, random.nextInt(4)));
                rows += partsupp.executeUpdate();
            }
        }
        List<Integer> keys = orderKeys(connection);
        try (PreparedStatement order = connection.prepareStatement(
                "update orders set o_orderstatus = ?, o_orderpriority = ? where o_orderkey = ?")) {
            for (int n = 0; n < 3; n++) {
                order.setString(1, pick(ORDER_STATUSES));
                order.setString(2, pick(PRIORITIES));
                order.setInt(3, keys.get(random.nextInt(keys.size())));
                rows += order.executeUpdate();
            }
        }
        return rows;
    }

    /** The i-th (0..3) supplier of a part, by the spec's formula: each part has 4 in partsupp. */
    private int supplierOf(int partKey, int i) {
        return (int) ((partKey + i * ((long) suppliers / 4 + (partKey - 1) / suppliers)) % suppliers) + 1;
    }

    /** The spec's retail price of a part, from its key. */
    private static BigDecimal retailPrice(int partKey) {
        return BigDecimal.valueOf(90_000 + (partKey / 10) % 20_001 + 100L * (partKey % 1000), 2);
    }

    /** A customer who may order: the spec gives no orders to customers whose key is a multiple of 3. */
    private int orderingCustomer() {
        int key;
        do {
            key = 1 + random.nextInt(customers);
        } while (key % 3 == 0);
        return key;
    }

    private List<Integer> orderKeys(Connection connection) throws SQLException {
        List<Integer> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select o_orderkey from orders order by o_orderkey")) {
            while (rs.next()) {
                keys.add(rs.getInt(1));
            }
        }
        return keys;
    }

    /** An amount in cents, uniformly in [lowCents, highCents], as a decimal with two places. */
    private BigDecimal money(int lowCents, int highCents) {
        return BigDecimal.valueOf(lowCents + random.nextInt(highCents - lowCents + 1), 2);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Words up to a length drawn in [minLength, maxLength], never longer than maxLength. */
    private String comment(int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(text.isEmpty() ? "" : " ").append(pick(WORDS));
        }
        return text.substring(0, length);
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
