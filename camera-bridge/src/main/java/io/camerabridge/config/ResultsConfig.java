package io.camerabridge.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where outcomes go besides metrics and logs.
 *
 * @param journal JSON-lines file with one line per frame; null means no journal
 * @param journalMaxSize size at which the journal is rotated (default 100MiB)
 * @param journalKeep rotated journal files kept (default 5)
 * @param saveNg NG frame saving; null means NG frames are not saved
 */
public record ResultsConfig(
    Path journal, DataSize journalMaxSize, Integer journalKeep, SaveNgConfig saveNg) {
  /** Default rotation size. */
  public static final DataSize DEFAULT_JOURNAL_MAX_SIZE = DataSize.ofMebibytes(100);

  /** Default number of rotated files kept. */
  public static final int DEFAULT_JOURNAL_KEEP = 5;

  /** No journal, no NG images. */
  public static final ResultsConfig NONE = new ResultsConfig(null, null, null, null);

  /** Fills in defaults. */
  public ResultsConfig {
    journalMaxSize = journalMaxSize == null ? DEFAULT_JOURNAL_MAX_SIZE : journalMaxSize;
    journalKeep = journalKeep == null ? DEFAULT_JOURNAL_KEEP : journalKeep;
  }

  /** The journal file, if one is configured. */
  public Optional<Path> journalFile() {
    return Optional.ofNullable(journal);
  }

  /** NG saving, if configured. */
  public Optional<SaveNgConfig> saveNgFrames() {
    return Optional.ofNullable(saveNg);
  }
}
