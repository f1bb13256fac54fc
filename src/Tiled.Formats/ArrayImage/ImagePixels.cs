namespace Tiled.Formats.ArrayImage;

/// <summary>8-bit pixels, row by row, <see cref="Channels"/> bytes a pixel (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA).</summary>
public sealed record ImagePixels(int Width, int Height, int Channels, byte[] Pixels);
