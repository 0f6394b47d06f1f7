/**
 * Where a log's files live: {@link org.plumbline.log.storage.LogStorage} (read, write, delete: three
 * operations, so a backend is small) and the directory backend, which lays files out exactly as the
 * tlog-tiles URL space.
 */
package org.plumbline.log.storage;
