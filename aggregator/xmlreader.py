"""The SAX reader feedparser's strict parser uses here: the standard expat reader, its text buffered.

Unbuffered, expat reports text in a piece per line and per character reference, and escaped HTML (the
``&lt;p&gt;`` of an RSS description) is mostly character references: a 2 KB description came to
feedparser as ~40 pieces, each a Python call. Buffered, it is one. Same document, same events otherwise.
Named first in ``feedparser.api.PREFERRED_XML_PARSERS`` by :mod:`aggregator.parse`.
"""

from xml.sax import expatreader


class BufferedExpatReader(expatreader.ExpatParser):
    def reset(self) -> None:
        super().reset()
        self._parser.buffer_text = True


def create_parser(*args, **kwargs) -> BufferedExpatReader:
    """The hook ``xml.sax.make_parser`` calls."""
    return BufferedExpatReader(*args, **kwargs)
