package io.camerabridge.genicam;

import io.camerabridge.bindings.aravis.AravisException;
import io.camerabridge.bindings.aravis.ArvFrame;
import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.ChunkParser;
import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.bindings.aravis.FeatureType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a camera's {@code chunks:} from each frame: entry {@code ExposureTime} is the value of the
 * camera's {@code ChunkExposureTime} feature in that frame, parsed by Aravis in the frame's own
 * memory (no copy of the pixels). Costs one native call per chunk and frame; made once per session
 * on the control thread, then used and closed by the frame thread only.
 */
public final class ChunkReader implements AutoCloseable {
  private static final Result NOTHING = new Result(Map.of(), 0, null);

  /** The values of one frame, in configuration order; the chunks it lacked are left out. */
  public record Result(Map<String, Number> values, int missing, String firstProblem) {}

  private final List<String> names;
  private final List<String> features;
  private final List<FeatureType> types;
  private final ChunkParser parser;

  private ChunkReader(
      List<String> names, List<String> features, List<FeatureType> types, ChunkParser parser) {
    this.names = names;
    this.features = features;
    this.types = types;
    this.parser = parser;
  }

  /** A reader for a camera without {@code chunks:}: every frame has no values. */
  public static ChunkReader none() {
    return new ChunkReader(List.of(), List.of(), List.of(), null);
  }

  /**
   * A reader for {@code chunks} (ChunkSelector entries), which must already be enabled.
   *
   * @throws FeatureStepException naming each entry whose {@code Chunk<entry>} feature this camera
   *     lacks or that is neither an Integer nor a Float
   */
  public static ChunkReader open(Camera camera, List<String> chunks, String path) {
    if (chunks.isEmpty()) {
      return none();
    }
    List<String> features = new ArrayList<>();
    List<FeatureType> types = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      String feature = "Chunk" + chunks.get(i);
      Optional<FeatureType> type =
          camera.features().describe(feature).map(FeatureDescription::type);
      String where = path + "[" + i + "]: ";
      if (type.isEmpty()) {
        problems.add(
            where
                + "this camera has no "
                + feature
                + " feature to read the "
                + chunks.get(i)
                + " chunk's value from");
      } else if (type.get() != FeatureType.INTEGER && type.get() != FeatureType.FLOAT) {
        problems.add(
            where
                + feature
                + " is a"
                + (type.get() == FeatureType.ENUMERATION ? "n " : " ")
                + type.get().label()
                + "; only Integer and Float chunks can be read");
      }
      features.add(feature);
      types.add(type.orElse(FeatureType.OTHER));
    }
    if (!problems.isEmpty()) {
      throw new FeatureStepException(problems);
    }
    return new ChunkReader(
        List.copyOf(chunks), List.copyOf(features), List.copyOf(types), camera.createChunkParser());
  }

  /** Whether this reader reads anything. */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  /**
   * The configured chunks' values in {@code frame}, which must be complete and not yet released. A
   * chunk the frame lacks is counted in {@link Result#missing()}, with the first problem's text
   * (camera, frame, feature and Aravis's message).
   */
  public Result read(ArvFrame frame) {
    if (names.isEmpty()) {
      return NOTHING;
    }
    if (!frame.hasChunks()) {
      return new Result(Map.of(), names.size(), "frame " + frame.frameId() + " carries no chunks");
    }
    Map<String, Number> values = new LinkedHashMap<>(names.size() * 2);
    int missing = 0;
    String problem = null;
    for (int i = 0; i < names.size(); i++) {
      try {
        values.put(names.get(i), value(frame, i));
      } catch (AravisException e) {
        missing++;
        problem = problem == null ? e.getMessage() : problem;
      }
    }
    return new Result(Collections.unmodifiableMap(values), missing, problem);
  }

  private Number value(ArvFrame frame, int i) {
    return types.get(i) == FeatureType.INTEGER
        ? Long.valueOf(parser.integerValue(frame, features.get(i)))
        : Double.valueOf(parser.floatValue(frame, features.get(i)));
  }

  /** Drops the parser; call on the thread that reads, after the last {@link #read}. */
  @Override
  public void close() {
    if (parser != null) {
      parser.close();
    }
  }
}
