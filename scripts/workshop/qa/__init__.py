"""Quality checks of a built site (links, HTML validity, spelling, Lighthouse) and the tools they share: building a site, finding and launching Chromium. May import model/."""
