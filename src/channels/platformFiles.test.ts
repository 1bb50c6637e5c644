import { describe, expect, it } from "vitest";
import { directFileLocation, platformFileUrl } from "./platformFiles.ts";

const META = ["fbcdn.net", "fbsbx.com"];

describe("platformFileUrl", () => {
  it("accepts HTTPS on the platform's file hosts and their subdomains", () => {
    expect(
      platformFileUrl("https://scontent-ams2-1.xx.fbcdn.net/v/t1.png?x=1", "https://graph.facebook.com", META)
        ?.host,
    ).toBe("scontent-ams2-1.xx.fbcdn.net");
    expect(platformFileUrl("https://fbsbx.com/a", "https://graph.facebook.com", META)).not.toBeNull();
  });
  it("accepts anything on the channel's own API origin, so a simulator can stand in", () => {
    expect(
      platformFileUrl("http://127.0.0.1:4100/_files/1.png", "http://127.0.0.1:4100", META),
    ).not.toBeNull();
  });
  it("refuses other hosts, look-alike suffixes, plain HTTP, credentials and non-URLs", () => {
    const api = "https://graph.facebook.com";
    expect(platformFileUrl("https://evil.example/x.png", api, META)).toBeNull();
    expect(platformFileUrl("https://evilfbcdn.net/x.png", api, META)).toBeNull();
    expect(platformFileUrl("https://fbcdn.net.evil.example/x.png", api, META)).toBeNull();
    expect(platformFileUrl("http://scontent.xx.fbcdn.net/x.png", api, META)).toBeNull();
    expect(platformFileUrl("https://user:pw@scontent.xx.fbcdn.net/x.png", api, META)).toBeNull();
    expect(platformFileUrl("file:///etc/passwd", api, META)).toBeNull();
    expect(platformFileUrl("photo123_456", api, META)).toBeNull();
    expect(platformFileUrl(undefined, api, META)).toBeNull();
  });
});

describe("directFileLocation", () => {
  it("says gone without an address and refused for one off the platform's hosts", () => {
    expect(directFileLocation(undefined, "https://api.vk.com", ["userapi.com"])).toMatchObject({
      ok: false,
      reason: "gone",
    });
    expect(
      directFileLocation("https://169.254.169.254/latest", "https://api.vk.com", ["userapi.com"]),
    ).toMatchObject({
      ok: false,
      reason: "refused",
    });
    expect(
      directFileLocation("https://sun9-1.userapi.com/p.jpg", "https://api.vk.com", ["userapi.com"]),
    ).toEqual({
      ok: true,
      url: "https://sun9-1.userapi.com/p.jpg",
    });
  });
});
