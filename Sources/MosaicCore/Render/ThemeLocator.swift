import Foundation

/// Finds the default theme shipped beside the executable, without trapping when it is missing.
///
/// SwiftPM copies `Resources/theme` into `<package>_MosaicCore.resources` next to the binary;
/// `MOSAIC_THEME_DIR` overrides the lookup for installs that move the binary elsewhere.
public enum ThemeLocator {
    public static func findDefaultTheme() -> URL? {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["MOSAIC_THEME_DIR"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        let folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for bundleName in ["Mosaic_MosaicCore.resources", "mosaic_MosaicCore.resources"] {
            candidates.append(folder.appendingPathComponent(bundleName).appendingPathComponent("theme"))
        }
        candidates.append(folder.deletingLastPathComponent().appendingPathComponent("share/mosaic/theme"))
        return candidates.first { fileManager.fileExists(atPath: $0.appendingPathComponent("templates").path) }
    }
}
