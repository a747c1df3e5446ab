using System.Buffers.Binary;
using System.IO.Compression;

namespace PartnerBot.Deployment.Tests.Support;

/// <summary>Reads an 8-bit RGBA PNG (the kind Teams icons are) into pixels, undoing the five PNG row filters.</summary>
internal sealed class Png
{
    private readonly byte[] _pixels;

    private Png(int width, int height, byte[] pixels) => (Width, Height, _pixels) = (width, height, pixels);

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var at = (y * Width + x) * 4;
        return (_pixels[at], _pixels[at + 1], _pixels[at + 2], _pixels[at + 3]);
    }

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a }), path + " is not a PNG");
        int width = 0, height = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var body = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                // Transparency needs an alpha channel: colour type 6 (RGBA), 8 bits.
                Assert.True(body[8] == 8 && body[9] == 6, $"{path}: expected 8-bit RGBA, found bit depth {body[8]}, colour type {body[9]}");
                Assert.Equal(0, body[12]); // not interlaced
            }
            else if (type == "IDAT")
            {
                data.Write(body);
            }

            at += 12 + length;
        }

        data.Position = 0;
        using var inflated = new ZLibStream(data, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflated.CopyTo(raw);
        return new Png(width, height, Unfilter(raw.ToArray(), width, height));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        const int bpp = 4;
        var stride = width * bpp;
        var result = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int x = raw[y * (stride + 1) + 1 + i];
                int a = i >= bpp ? result[y * stride + i - bpp] : 0;
                int b = y > 0 ? result[(y - 1) * stride + i] : 0;
                int c = i >= bpp && y > 0 ? result[(y - 1) * stride + i - bpp] : 0;
                result[y * stride + i] = (byte)(filter switch
                {
                    0 => x,
                    1 => x + a,
                    2 => x + b,
                    3 => x + ((a + b) / 2),
                    4 => x + Paeth(a, b, c),
                    _ => throw new InvalidDataException("unknown PNG filter " + filter),
                });
            }
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
