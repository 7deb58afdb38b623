package io.camerabridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.ops.DeliveryState;
import io.camerabridge.pekat.AnalysisResult.Verdict;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJournalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LongAdder failures = new LongAdder();
  private final LongAdder reopens = new LongAdder();
  private final ResultJournal.Events events =
      new ResultJournal.Events() {
        @Override
        public void writeFailed() {
          failures.increment();
        }

        @Override
        public void reopened() {
          reopens.increment();
        }
      };

  @TempDir Path dir;

  @Test
  void writesOneValidJsonLinePerRecordAndFlushesOnClose() throws IOException {
    Path file = dir.resolve("sub/cam.jsonl");
    ResultJournal journal = new ResultJournal(file, 1 << 20, 3, events);
    String context = "{\n  \"result\": false,\n  \"detectedRectangles\": [{\"x\": 1}]\n}";
    for (int i = 0; i < 100; i++) {
      journal.append(record(65400 + i, i % 2 == 0 ? Verdict.OK : Verdict.NG, context));
    }
    journal.close(Duration.ofSeconds(10));

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(100);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("camera").asText()).isEqualTo("cam");
    assertThat(first.get("frameId").asLong()).isEqualTo(65400);
    assertThat(first.get("sequence").asLong()).isEqualTo(1);
    assertThat(first.get("verdict").asText()).isEqualTo("OK");
    assertThat(first.get("timingsMs").get("latency").asDouble()).isEqualTo(12.5);
    assertThat(first.get("context").get("detectedRectangles").get(0).get("x").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(lines.get(1)).get("verdict").asText()).isEqualTo("NG");
    assertThat(failures.sum()).isZero();
  }

  @Test
  void chunkValuesAreAnObjectInConfigurationOrderOnlyWhenThereAreAny() throws IOException {
    Path file = dir.resolve("chunks.jsonl");
    ResultJournal journal = new ResultJournal(file, 1 << 20, 3, events);
    Map<String, Number> chunks = new LinkedHashMap<>();
    chunks.put("Timestamp", 123_456_789_012L);
    chunks.put("ExposureTime", 2500.0);
    chunks.put("Gain", Double.POSITIVE_INFINITY);
    FrameRecord plain = record(65400, Verdict.OK, null);
    journal.append(plain);
    journal.append(
        new FrameRecord(
            "cam",
            2,
            65401,
            1_000L,
            2_000L,
            Instant.EPOCH,
            "ok",
            Verdict.NG,
            Map.of(),
            null,
            null,
            false,
            chunks,
            "P-2",
            null));
    journal.close(Duration.ofSeconds(10));

    List<String> lines = Files.readAllLines(file);
    assertThat(JSON.readTree(lines.get(0)).has("chunks")).isFalse();
    assertThat(JSON.readTree(lines.get(0)).has("partId")).isFalse();
    assertThat(JSON.readTree(lines.get(1)).get("partId").asText()).isEqualTo("P-2");
    JsonNode written = JSON.readTree(lines.get(1)).get("chunks");
    List<String> names = new ArrayList<>();
    written.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("Timestamp", "ExposureTime", "Gain");
    assertThat(written.get("Timestamp").isIntegralNumber()).isTrue();
    assertThat(written.get("Timestamp").asLong()).isEqualTo(123_456_789_012L);
    assertThat(written.get("ExposureTime").asDouble()).isEqualTo(2500.0);
    assertThat(written.get("Gain").isNull()).isTrue();
  }

  @Test
  void rotatesBySizeAndKeepsTheLiveFileAndKeepRotatedOnes() throws IOException {
    Path file = dir.resolve("cam.jsonl");
    ResultJournal journal = new ResultJournal(file, 2_000, 2, events);
    for (int i = 0; i < 200; i++) {
      journal.append(record(i, Verdict.OK, null));
    }
    journal.close(Duration.ofSeconds(10));

    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertThat(files).containsExactly(file, dir.resolve("cam.jsonl.1"), dir.resolve("cam.jsonl.2"));
    List<Long> ids = new ArrayList<>();
    for (Path p :
        List.of(file.resolveSibling("cam.jsonl.2"), file.resolveSibling("cam.jsonl.1"), file)) {
      assertThat(Files.size(p)).isLessThanOrEqualTo(2_000);
      for (String line : Files.readAllLines(p)) {
        ids.add(JSON.readTree(line).get("frameId").asLong());
      }
    }
    // The newest records survive, in order, with nothing torn.
    assertThat(ids).isSorted().endsWith(199L);
  }

  @Test
  void unwritableLocationIsCountedNotThrown() throws IOException {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    ResultJournal journal = new ResultJournal(blocker.resolve("cam.jsonl"), 1 << 20, 2, events);
    journal.append(record(1, Verdict.OK, null));
    journal.append(record(2, Verdict.NG, null));
    await().atMost(Duration.ofSeconds(10)).until(() -> failures.sum() == 2);
    journal.close(Duration.ofSeconds(10));
  }

  @Test
  void aJournalThatCannotWriteIsTroubledUntilARecordReachesTheFileAgain() throws IOException {
    Path blocker = dir.resolve("blocked");
    Files.writeString(blocker, "x");
    DeliveryState delivery = new DeliveryState();
    ResultJournal.Events health =
        new ResultJournal.Events() {
          @Override
          public void writeFailed() {
            failures.increment();
            delivery.undelivered();
          }

          @Override
          public void reopened() {}

          @Override
          public void written() {
            delivery.delivered();
          }
        };
    ResultJournal journal = new ResultJournal(blocker.resolve("cam.jsonl"), 1 << 20, 2, health);
    journal.append(record(1, Verdict.OK, null));
    journal.append(record(2, Verdict.NG, null));
    await().atMost(Duration.ofSeconds(10)).until(() -> failures.sum() == 2);
    assertThat(delivery.health("journal", "journal", "record(s)").problem())
        .isEqualTo("2 record(s) in a row not written");

    Files.delete(blocker); // the operator frees the path: the directory can be made now
    journal.append(record(3, Verdict.OK, null));
    journal.close(Duration.ofSeconds(10));

    assertThat(Files.readAllLines(blocker.resolve("cam.jsonl"))).hasSize(1);
    assertThat(delivery.health("journal", "journal", "record(s)").state()).isEqualTo("ok");
  }

  @Test
  void closeIsIdempotentAndLaterAppendsAreCounted() {
    ResultJournal journal = new ResultJournal(dir.resolve("c.jsonl"), 1 << 20, 2, events);
    journal.close(Duration.ofSeconds(10));
    journal.close(Duration.ofSeconds(10));
    journal.append(record(1, Verdict.OK, null));
    assertThat(failures.sum()).isEqualTo(1);
  }

  @Test
  void journalKeepCountsRotatedFilesSoOneKeepsTheLiveFileAndOneMore() throws IOException {
    Path file = dir.resolve("cam.jsonl");
    ResultJournal journal = new ResultJournal(file, 2_000, 1, events);
    for (int i = 0; i < 200; i++) {
      journal.append(record(i, Verdict.OK, null));
    }
    journal.close(Duration.ofSeconds(10));

    assertThat(listed()).containsExactly(file, dir.resolve("cam.jsonl.1"));
    assertThat(Files.readAllLines(dir.resolve("cam.jsonl.1"))).isNotEmpty();
    assertThat(Files.readAllLines(file)).isNotEmpty();
  }

  @Test
  void journalKeepZeroStartsTheLiveFileAfreshAtEachRotation() throws IOException {
    Path file = dir.resolve("cam.jsonl");
    ResultJournal journal = new ResultJournal(file, 2_000, 0, events);
    for (int i = 0; i < 200; i++) {
      journal.append(record(i, Verdict.OK, null));
    }
    journal.close(Duration.ofSeconds(10));

    assertThat(listed()).containsExactly(file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).isNotEmpty();
    assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("frameId").asLong()).isEqualTo(199);
    assertThat(failures.sum()).isZero();
  }

  @Test
  void aJournalDeletedWhileOpenIsReopenedCountedAndKeepsEveryLaterRecord() throws IOException {
    Path file = dir.resolve("cam.jsonl");
    ResultJournal journal = new ResultJournal(file, 1 << 20, 2, events);
    journal.append(record(1, Verdict.OK, null));
    await().atMost(Duration.ofSeconds(30)).until(() -> lines(file).size() == 1);

    Files.delete(file);
    for (int i = 2; i <= 5; i++) {
      journal.append(record(i, Verdict.OK, null));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> lines(file).size() == 4);
    journal.close(Duration.ofSeconds(10));

    assertThat(reopens.sum()).isEqualTo(1);
    assertThat(failures.sum()).isZero();
    List<Long> ids = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      ids.add(JSON.readTree(line).get("frameId").asLong());
    }
    assertThat(ids).containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void aJournalMovedAsideWhileOpenIsReopenedAtItsPath() throws IOException {
    Path file = dir.resolve("cam.jsonl");
    ResultJournal journal = new ResultJournal(file, 1 << 20, 2, events);
    journal.append(record(1, Verdict.OK, null));
    await().atMost(Duration.ofSeconds(30)).until(() -> lines(file).size() == 1);

    Files.move(file, dir.resolve("cam.jsonl.saved"));
    journal.append(record(2, Verdict.OK, null));
    await().atMost(Duration.ofSeconds(30)).until(() -> lines(file).size() == 1);
    journal.close(Duration.ofSeconds(10));

    assertThat(reopens.sum()).isEqualTo(1);
    assertThat(lines(dir.resolve("cam.jsonl.saved"))).hasSize(1);
    assertThat(JSON.readTree(lines(file).get(0)).get("frameId").asLong()).isEqualTo(2);
  }

  @Test
  void closeOnAHungDiskReturnsAndCountsWhatWasNotWritten() throws Exception {
    // A FIFO nobody reads: opening it for writing blocks, like a write to a dead mount.
    Path fifo = dir.resolve("hung.jsonl");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    ResultJournal journal = new ResultJournal(fifo, 1 << 20, 2, events);
    try {
      // More than the queue holds: the writer is stuck, so the queue fills up.
      for (int i = 0; i < 5000; i++) {
        journal.append(record(i, Verdict.OK, null));
      }
      CompletableFuture<Void> close =
          CompletableFuture.runAsync(() -> journal.close(Duration.ofMillis(500)));
      // A hang detector, not a timing assertion: on a hung disk close() used to never return.
      close.get(60, TimeUnit.SECONDS);
      assertThat(failures.sum())
          .as("every record but the one the writer holds, counted")
          .isGreaterThanOrEqualTo(4999);
    } finally {
      // Let the stuck writer go: opening a FIFO read-write never blocks, and gives it a reader.
      try (FileChannel unblock =
          FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        assertThat(unblock.isOpen()).isTrue();
      }
    }
  }

  private List<Path> listed() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static FrameRecord record(long frameId, Verdict verdict, String context) {
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("latency", 12.5);
    return new FrameRecord(
        "cam",
        frameId - 65399,
        frameId,
        1_000L,
        2_000L,
        Instant.EPOCH,
        "ok",
        verdict,
        timings,
        context,
        null,
        false,
        Map.of(),
        null,
        null);
  }
}
