"""Vision: image input, the pneumonia CNN trained here, heatmaps, and other backends."""
