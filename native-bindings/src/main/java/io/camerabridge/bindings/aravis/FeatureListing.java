package io.camerabridge.bindings.aravis;

import java.util.List;

/**
 * Every named node of a camera's GenICam description.
 *
 * @param categorized the tree below {@code Root}, depth first, categories included
 * @param uncategorized the nodes no category reaches, in document order, all at depth 0: features
 *     such as Aravis's fake AcquisitionFrameRate, and the registers, converters and ports that
 *     implement the features
 */
public record FeatureListing(List<FeatureInfo> categorized, List<FeatureInfo> uncategorized) {}
