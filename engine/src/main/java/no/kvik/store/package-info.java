/**
 * The validated Parquet store: ingest of registry extract files, validation SQL generated from the contracts,
 * manifests, atomic replacement and read access.
 *
 * <h2>Layout</h2>
 * <pre>
 * STORE/manifest.json                                   current state: live deliveries and rejected files, and
 *                                                       every file ever rejected for its message version
 * STORE/data/&lt;contract&gt;/year=&lt;YYYY&gt;/&lt;file&gt;-&lt;ingest id&gt;.parquet   one file per delivery and year
 * STORE/data/&lt;contract&gt;/year=unknown/…                  rows whose year column could not be read
 * STORE/ingests/&lt;ingest id&gt;-&lt;file&gt;.json                 per-ingest manifest ({@link no.kvik.store.IngestResult})
 * STORE/ingests/&lt;id&gt;-&lt;file&gt;.retired.json              a delivery retired alone ({@link no.kvik.store.Retirement})
 * STORE/readers/&lt;pid&gt;-&lt;n&gt;.json                           a reader's lease on the files of its generation
 * STORE/persons/persons-&lt;ingest id&gt;.parquet              a segment of the person key dictionary (the manifest lists them) ({@link no.kvik.store.PersonKeys})
 * </pre>
 * A delivery is identified by contract and source file name: the same name with the same SHA-256 is a
 * no-op, with a new SHA-256 it replaces the earlier delivery. A file under a new name is rejected whole when
 * its SHA-256 or any usable row's (trimmed) primary key is already in another live delivery of the contract: stored
 * beside it, those rows would be counted twice. A corrected or cumulative extract keeps the earlier name, or
 * names the deliveries it replaces ({@code kvik ingest --replaces}): they leave in the same manifest switch.
 * Readers only read files listed in {@code manifest.json}, which is replaced by one atomic move.
 *
 * <h2>Readers and generations</h2>
 * Each manifest switch gives the store a new {@code generation}. A reader ({@link no.kvik.store.Store#open}) reads
 * the exact files of the generation it opened and holds them by a {@link no.kvik.store.ReaderLease} until it
 * closes; an ingest deletes superseded files only when no live reader's lease lists them, else a later ingest or
 * {@code kvik store gc} does. Leases of dead processes are removed.
 *
 * <h2>Two failure layers</h2>
 * A file that does not match its contract (unknown type, header with a missing required or unknown column,
 * wrong delimiter, bytes not valid in the declared encoding, a row with the wrong number of fields) is
 * rejected whole and nothing from it is stored. A row with a content error is stored with
 * {@code _errors} ({@link no.kvik.store.ErrorReasons}) and the flagged values NULL; it stays in its contract's
 * view only when every fault is on a field declared {@code "onInvalid": "value"} ({@link no.kvik.store.Store#usable}),
 * and data quality counts it. Key and code fields are trimmed as the file is read when the contract says
 * {@code trimKeys}; plausibility rules are row rules ({@code sql/contracts/README.md}).
 * Rows read = rows stored + rows rejected, per file.
 *
 * <h2>No person data in metadata</h2>
 * Reasons, flagged samples and messages carry row, field and reason; values quoted from a file are cut and key
 * fields masked ({@link no.kvik.store.Redaction}), and DuckDB's read errors lose the row text they quote.
 *
 * <h2>How a file is read</h2>
 * Once, in parallel, into a temp table of VARCHAR columns with insertion order kept (so rowid + 1 is the
 * data row number, {@code _row}); duplicate keys and list columns are checked on it, and one set-based query
 * types, validates and writes it to Parquet in parallel. DuckDB spills to {@code STORE/.spill} when a file
 * does not fit in memory. {@code kvik bench-ingest} prints the rate ({@code --extracts DIR}: per file beside DuckDB's
 * plain copy, with the split of {@link no.kvik.store.IngestTimings}). The person key dictionary is read from the
 * store once per ingest: its temp table stays on the connection between files while it matches the live dictionary,
 * and is read again after a file that added ids but did not go live.
 *
 * <h2>Ingest stages</h2>
 * {@link no.kvik.store.Ingester} is the one entry point; each file passes three stages: {@code DeliveryChecks}
 * (the file alone against the live manifest: contract by name, message version by name (a contract's
 * {@code messageVersions}), unchanged, {@code --replaces} names live, same
 * content, line ends, header, encoding: a failure rejects it before any row is parsed), {@code ValidatedCopy}
 * (read, validate, write the Parquet files under fresh names, count; row balance) and {@code DeliverySwitch}
 * (primary keys against the other live deliveries, then the one atomic manifest switch, garbage collection and the
 * record in {@code ingests/}; it also records rejections and retirements).
 *
 * <h2>Views</h2>
 * {@link no.kvik.store.Store#open} gives {@code <contract>} (usable rows: contract columns and {@code _year})
 * and {@code <contract>_all} (every stored row, plus {@code _errors}, {@code _warnings}, {@code _source_file},
 * {@code _row}) for every contract, and the {@code ref_*} reference tables. When every live delivery with a person id
 * carries its dense key, it also gives the schema {@code kvik_keyed} with the same views, the key under the id's name,
 * which the engine puts first on the search path while it binds indicator SQL ({@link no.kvik.store.PersonKeys}).
 * Opened with a {@link no.kvik.store.StoreScope} (as {@code kvik run --indicator} does), it creates only what some SQL
 * reads, through the reference macros and views ({@link no.kvik.store.SqlDependencies}), and the contracts of some
 * registries.
 */
package no.kvik.store;
