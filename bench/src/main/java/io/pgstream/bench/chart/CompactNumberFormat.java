package io.pgstream.bench.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Numbers on ticks and bars with the digits that matter and no more: 0.0123, 0.1, 1.23, 12.3, 80, 1,234. Formatting
 * only: charts never parse.
 */
final class CompactNumberFormat extends NumberFormat {

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        double magnitude = Math.abs(number);
        if (magnitude >= 100 || number == Math.rint(number) || !Double.isFinite(number)) {
            return toAppendTo.append(String.format(Locale.ROOT, "%,.0f", number));
        }
        if (magnitude >= 1) {
            return toAppendTo.append(String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : "%.2f", number));
        }
        // below 1: three significant digits, trailing zeros dropped (0.1, 0.0123)
        return toAppendTo.append(new BigDecimal(number).round(new MathContext(3)).stripTrailingZeros().toPlainString());
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("a chart's number format only formats");
    }
}
