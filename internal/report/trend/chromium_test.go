package trend

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// chromium finds a Chromium to test the dashboard with. In CI (CI=true) a missing
// one fails the test: .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); CI runs this test")
	return ""
}

// outputDir is where the test leaves the page and its screenshot for a person to
// look at: $TREND_TEST_OUTPUT when set, else the test's temporary directory.
func outputDir(t *testing.T) string {
	if dir := os.Getenv("TREND_TEST_OUTPUT"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// TestDashboardInChromium renders the dashboard in a real headless Chromium, from a
// file and with the network off, and checks the screenshot: the charts' median line
// and the change points' marks are drawn in their colours.
func TestDashboardInChromium(t *testing.T) {
	bin := chromium(t)
	dir := outputDir(t)
	var page bytes.Buffer
	if err := HTML(&page, fixtureReport(t, 24)); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "index.html")
	if err := os.WriteFile(html, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "dashboard.png")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--force-prefers-color-scheme=light", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--window-size=900,1400", "--screenshot="+shot, "file://"+html)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	t.Logf("page %s, screenshot %s", html, shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 900 || b.Dy() != 1400 {
		t.Errorf("screenshot is %v, want 900x1400", b)
	}
	// The light scheme's colours: the median line #0969da, a change for the worse
	// #cf222e (each a few hundred pixels at least when drawn).
	for _, c := range []struct {
		name string
		rgb  color.RGBA
	}{{"median line (blue)", color.RGBA{0x09, 0x69, 0xda, 0xff}}, {"change point for the worse (red)", color.RGBA{0xcf, 0x22, 0x2e, 0xff}}} {
		if n := countNear(img, c.rgb); n < 300 {
			t.Errorf("%s: %d pixels in the screenshot, want at least 300: the chart did not render", c.name, n)
		}
	}
}

// countNear counts the pixels of img within a small distance of c.
func countNear(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c.R) && near(g>>8, c.G) && near(bl>>8, c.B) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, w uint8) bool { return v+24 >= uint32(w) && v <= uint32(w)+24 }
