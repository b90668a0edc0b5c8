"""The Scrapy project: one spider per source, the publishing pipeline."""
