package org.plumbline.signals;

/**
 * Receives ingestion progress. Work is measured in bytes of input (known up front) so that an ETA can
 * be given across files; rows are counted as DuckDB reports them.
 */
public interface Progress {
    void start(long totalBytes, int files);

    void update(long bytesDone, long rowsDone);

    void finish(long rowsDone);

    Progress NONE = new Progress() {
        @Override public void start(long totalBytes, int files) {}
        @Override public void update(long bytesDone, long rowsDone) {}
        @Override public void finish(long rowsDone) {}
    };
}
