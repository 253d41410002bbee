<?xml version="1.0"?>
<!-- rule-results.xsl: "IDREF RESULT" for each rule-result of an XCCDF 1.2
     results file (used by the OVAL integration tests). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x="http://checklists.nist.gov/xccdf/1.2">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//x:TestResult/x:rule-result">
      <xsl:value-of select="@idref"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="x:result"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
