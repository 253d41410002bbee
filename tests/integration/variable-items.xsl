<?xml version="1.0"?>
<!-- variable-items.xsl: "VAR_REF<TAB>VALUE|VALUE|..." for each collected
     ind-sys:variable_item of an ARF report's OVAL system characteristics
     (used by t1450 to compare computed variables with OpenSCAP). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:v="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//v:variable_item">
      <xsl:value-of select="v:var_ref"/>
      <xsl:text>&#9;</xsl:text>
      <xsl:for-each select="v:value">
        <xsl:if test="position() &gt; 1"><xsl:text>|</xsl:text></xsl:if>
        <xsl:value-of select="."/>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
