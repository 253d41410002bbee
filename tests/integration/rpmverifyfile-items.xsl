<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<!-- rpmverifyfile-items.xsl: one line per rpmverifyfile_item of an OVAL results or ARF document: "filepath entity=value ..." (spaces in values as _).  Used by t1460. -->
<xsl:output method="text"/>
<xsl:template match="/">
<xsl:for-each select="//*[local-name()='rpmverifyfile_item']">
<xsl:value-of select="*[local-name()='filepath']"/>
<xsl:for-each select="*[substring(local-name(), string-length(local-name()) - 7) = '_differs' or local-name()='link_mismatch' or local-name()='capabilities_differ' or substring(local-name(), string-length(local-name()) - 4) = '_file' or local-name()='epoch' or local-name()='extended_name']">
<xsl:text> </xsl:text><xsl:value-of select="local-name()"/>=<xsl:value-of select="translate(., ' ', '_')"/>
</xsl:for-each>
<xsl:text>&#10;</xsl:text>
</xsl:for-each>
</xsl:template>
</xsl:stylesheet>
