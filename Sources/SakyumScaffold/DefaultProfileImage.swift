/// The neutral avatar every new project gets as `media/default_img.png`: a head and
/// shoulders silhouette on a soft background, drawn with anti-aliased edges.
public enum DefaultProfileImage {
    /// Width and height in pixels.
    static let size = 256

    /// The image as a PNG file.
    public static func png() -> [UInt8] {
        PNGEncoder(width: size, height: size).encode(rgba: pixels())
    }

    private struct Color {
        var red, green, blue: Double

        func mixed(with other: Color, amount: Double) -> Color {
            Color(
                red: red + (other.red - red) * amount,
                green: green + (other.green - green) * amount,
                blue: blue + (other.blue - blue) * amount
            )
        }
    }

    private static let backgroundTop = Color(red: 236, green: 240, blue: 245)
    private static let backgroundBottom = Color(red: 214, green: 222, blue: 232)
    private static let silhouette = Color(red: 148, green: 163, blue: 184)

    /// RGBA rows, top first.
    static func pixels() -> [UInt8] {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(size * size * 4)
        for row in 0..<size {
            let background = backgroundTop.mixed(with: backgroundBottom, amount: Double(row) / Double(size - 1))
            for column in 0..<size {
                // Sample at the pixel centre.
                let x = Double(column) + 0.5
                let y = Double(row) + 0.5
                let head = coverage(distance: circleDistance(x, y, centerX: 128, centerY: 104, radius: 46))
                let shoulders = coverage(distance: ellipseDistance(x, y, centerX: 128, centerY: 264, radiusX: 94, radiusY: 98))
                let color = background.mixed(with: silhouette, amount: max(head, shoulders))
                pixels += [channel(color.red), channel(color.green), channel(color.blue), 255]
            }
        }
        return pixels
    }

    /// How much of a pixel a shape covers, from the signed distance of its centre to the edge.
    private static func coverage(distance: Double) -> Double {
        min(max(0.5 - distance, 0), 1)
    }

    private static func circleDistance(_ x: Double, _ y: Double, centerX: Double, centerY: Double, radius: Double) -> Double {
        ((x - centerX) * (x - centerX) + (y - centerY) * (y - centerY)).squareRoot() - radius
    }

    /// An approximation that is exact on the axes and close enough near the edge for anti-aliasing.
    private static func ellipseDistance(
        _ x: Double, _ y: Double, centerX: Double, centerY: Double, radiusX: Double, radiusY: Double
    ) -> Double {
        let dx = (x - centerX) / radiusX
        let dy = (y - centerY) / radiusY
        return ((dx * dx + dy * dy).squareRoot() - 1) * min(radiusX, radiusY)
    }

    private static func channel(_ value: Double) -> UInt8 {
        UInt8(min(max(value.rounded(), 0), 255))
    }
}
