"""Sites by their address alone: what a URL and a page look like on Chinese news and government
CMSs (an article, a list page, or neither), and the patterns a sites entry needs, learned from a
probe of the site."""
