/**
 * Charts of benchmark figures, rendered headless to PNG with JFreeChart: bars (one series, or grouped
 * by series) on a linear or logarithmic value axis with reference lines, and XY lines on linear or
 * logarithmic axes with marked points. Owns rendering only: takes figures that are already measured
 * and must not read a database or decide what a benchmark measures.
 */
package io.pgstream.bench.chart;
