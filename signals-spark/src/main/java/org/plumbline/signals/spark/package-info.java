/**
 * The signal rules on Apache Spark, for a provider's whole export: the same FOCUS validation, the same
 * profile and the same rule SQL as signals' DuckDB engine, so both print the same findings
 * ({@code SparkSignalsJob}, run with {@code spark-submit}). Depends on signals alone.
 */
package org.plumbline.signals.spark;
